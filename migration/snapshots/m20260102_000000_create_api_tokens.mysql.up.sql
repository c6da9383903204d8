-- m20260102_000000_create_api_tokens: upgrade on mysql
CREATE TABLE `api_tokens` ( `id` int NOT NULL PRIMARY KEY AUTO_INCREMENT, `user_id` int NOT NULL, `token_hash` varchar(64) NOT NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `expires_at` timestamp NOT NULL, `revoked_at` timestamp, CONSTRAINT `fk_api_tokens_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE UNIQUE INDEX `uq_api_tokens_token_hash` ON `api_tokens` (`token_hash`);

CREATE INDEX `ix_api_tokens_user_id` ON `api_tokens` (`user_id`);
