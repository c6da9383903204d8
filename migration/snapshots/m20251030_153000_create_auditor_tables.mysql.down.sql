-- m20251030_153000_create_auditor_tables: downgrade on mysql
DROP TABLE `source_fingerprints`;

DROP TABLE `embedding_cache`;

DROP TABLE `verification_log`;
