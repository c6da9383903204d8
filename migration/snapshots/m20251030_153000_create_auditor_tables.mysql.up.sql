-- m20251030_153000_create_auditor_tables: upgrade on mysql
CREATE TABLE `verification_log` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `verification_id` varchar(36) NOT NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `answer_text` text NOT NULL, `answer_hash` varchar(64) NOT NULL, `answer_sentences` int DEFAULT 0, `has_citations` bool DEFAULT FALSE, `citations` json, `source_count` int DEFAULT 0, `source_fingerprints` json, `verified_sentences` int DEFAULT 0, `verification_rate` double DEFAULT 0, `confidence_score` double NOT NULL, `trust_label` varchar(20) NOT NULL, `semantic_similarity` double, `retrieval_quality` double, `citation_presence` double, `coverage` double, `retry_attempts` int DEFAULT 0, `extra_metadata` json, `is_valid` bool DEFAULT TRUE, `invalidated_at` timestamp, `duration_ms` double ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `ix_verification_log_verification_id` ON `verification_log` (`verification_id`);

CREATE INDEX `ix_verification_log_confidence_score` ON `verification_log` (`confidence_score`);

CREATE INDEX `ix_verification_log_trust_label` ON `verification_log` (`trust_label`);

CREATE INDEX `ix_verification_log_is_valid` ON `verification_log` (`is_valid`);

CREATE TABLE `embedding_cache` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `text_hash` varchar(64) NOT NULL, `embedding` json NOT NULL, `embedding_dim` int NOT NULL, `model_name` varchar(100) NOT NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `last_accessed` timestamp NOT NULL, `access_count` int DEFAULT 0 ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `ix_embedding_cache_text_hash` ON `embedding_cache` (`text_hash`);

CREATE TABLE `source_fingerprints` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `source_id` varchar(100) NOT NULL, `source_hash` varchar(64) NOT NULL, `text` text NOT NULL, `text_length` int NOT NULL, `version` int DEFAULT 1, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `updated_at` timestamp, `extra_metadata` json ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX `ix_source_fingerprints_source_id` ON `source_fingerprints` (`source_id`);

CREATE UNIQUE INDEX `ix_source_fingerprints_source_hash` ON `source_fingerprints` (`source_hash`);
