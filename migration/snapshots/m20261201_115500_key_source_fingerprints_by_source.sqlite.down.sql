-- m20261201_115500_key_source_fingerprints_by_source: downgrade on sqlite
DROP INDEX "ix_source_fingerprints_source_hash";

CREATE UNIQUE INDEX "ix_source_fingerprints_source_hash" ON "source_fingerprints" ("source_hash");

DROP INDEX "ix_source_fingerprints_source_id";

CREATE INDEX "ix_source_fingerprints_source_id" ON "source_fingerprints" ("source_id");
