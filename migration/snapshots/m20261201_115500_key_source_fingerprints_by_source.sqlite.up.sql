-- m20261201_115500_key_source_fingerprints_by_source: upgrade on sqlite
DELETE FROM source_fingerprints WHERE id NOT IN (SELECT id FROM (SELECT MAX(id) AS id FROM source_fingerprints GROUP BY source_id) AS newest);

DROP INDEX "ix_source_fingerprints_source_id";

CREATE UNIQUE INDEX "ix_source_fingerprints_source_id" ON "source_fingerprints" ("source_id");

DROP INDEX "ix_source_fingerprints_source_hash";

CREATE INDEX "ix_source_fingerprints_source_hash" ON "source_fingerprints" ("source_hash");
