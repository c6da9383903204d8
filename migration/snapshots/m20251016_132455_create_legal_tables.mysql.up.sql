-- m20251016_132455_create_legal_tables: upgrade on mysql
CREATE TABLE `users` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `name` varchar(255) NOT NULL, `email` varchar(255) NOT NULL, `password_hash` varchar(255) NOT NULL, `role` varchar(50) NOT NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `ix_users_email` ON `users` (`email`);

CREATE TABLE `clients` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `lawyer_id` int NOT NULL, `name` varchar(255) NOT NULL, `contact` varchar(255), `address` varchar(500), `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_clients_lawyer_id` FOREIGN KEY (`lawyer_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `cases` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `client_id` int NOT NULL, `title` varchar(500) NOT NULL, `status` varchar(100) NOT NULL, `description` text, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `updated_at` timestamp, CONSTRAINT `fk_cases_client_id` FOREIGN KEY (`client_id`) REFERENCES `clients` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX `ix_cases_status` ON `cases` (`status`);

CREATE TABLE `property_opinions` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `client_id` int NOT NULL, `document_url` varchar(1000), `status` varchar(100) NOT NULL, `notes` text, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_property_opinions_client_id` FOREIGN KEY (`client_id`) REFERENCES `clients` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `research_queries` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `lawyer_id` int NOT NULL, `query_text` text NOT NULL, `response_text` text, `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_research_queries_lawyer_id` FOREIGN KEY (`lawyer_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `junior_logs` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `lawyer_id` int NOT NULL, `action` text NOT NULL, `context` text, `response` text, `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_junior_logs_lawyer_id` FOREIGN KEY (`lawyer_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX `ix_junior_logs_timestamp` ON `junior_logs` (`timestamp`);

CREATE TABLE `inference_logs` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `query_id` int NOT NULL, `model_used` varchar(255), `tokens` int, `cost` double, `response_hash` varchar(255), `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT `fk_inference_logs_query_id` FOREIGN KEY (`query_id`) REFERENCES `research_queries` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
