-- m20261201_115500_key_source_fingerprints_by_source: downgrade on mysql
DROP INDEX `ix_source_fingerprints_source_hash` ON `source_fingerprints`;

CREATE UNIQUE INDEX `ix_source_fingerprints_source_hash` ON `source_fingerprints` (`source_hash`);

DROP INDEX `ix_source_fingerprints_source_id` ON `source_fingerprints`;

CREATE INDEX `ix_source_fingerprints_source_id` ON `source_fingerprints` (`source_id`);
