-- m20251210_090000_create_funding_opportunities: upgrade on mysql
CREATE TABLE `funding_opportunities` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `source_url` text NOT NULL, `json_data` json, `editable_text` text, `status` ENUM('raw', 'reviewed', 'approved', 'rejected') NOT NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `uq_funding_opportunities_source_url` ON `funding_opportunities` (`source_url`);

CREATE INDEX `ix_funding_opportunities_status` ON `funding_opportunities` (`status`);
