-- m20260101_000000_add_user_lockout: upgrade on mysql
ALTER TABLE `users` ADD COLUMN `failed_login_count` int NOT NULL DEFAULT 0;

ALTER TABLE `users` ADD COLUMN `locked_until` timestamp;
