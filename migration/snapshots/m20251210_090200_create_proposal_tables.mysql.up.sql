-- m20251210_090200_create_proposal_tables: upgrade on mysql
CREATE TABLE `proposal_templates` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `funding_opportunity_id` int NOT NULL, `docx_path` text, `pdf_path` text, `status` ENUM('ready', 'failed', 'pending') NOT NULL, `notes` text, `hash` text, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_proposal_templates_funding_opportunity_id` FOREIGN KEY (`funding_opportunity_id`) REFERENCES `funding_opportunities` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `uq_template_unique` ON `proposal_templates` (`funding_opportunity_id`, `hash`);

CREATE INDEX `ix_proposal_templates_funding_opportunity_id` ON `proposal_templates` (`funding_opportunity_id`);

CREATE INDEX `ix_proposal_templates_hash` ON `proposal_templates` (`hash` (64));

CREATE TABLE `documents` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `funding_opportunity_id` int, `source` ENUM('pdf', 'url', 'upload') NOT NULL, `storage_path` text NOT NULL, `mime` text, `sha256` varchar(64) NOT NULL, `pages` int, `ocr_status` ENUM('not_needed', 'pending', 'done', 'failed') NOT NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_documents_funding_opportunity_id` FOREIGN KEY (`funding_opportunity_id`) REFERENCES `funding_opportunities` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `uq_documents_sha256` ON `documents` (`sha256`);

CREATE TABLE `sources` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `provider` text NOT NULL, `type` ENUM('crawler', 'api') NOT NULL, `domain` text, `config` json DEFAULT '{}', `enabled` bool NOT NULL DEFAULT TRUE, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `ingestion_runs` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `source_id` int NOT NULL, `started_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `finished_at` timestamp, `items_seen` int NOT NULL, `items_ingested` int NOT NULL, `errors` json NOT NULL DEFAULT '[]', CONSTRAINT `fk_ingestion_runs_source_id` FOREIGN KEY (`source_id`) REFERENCES `sources` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
