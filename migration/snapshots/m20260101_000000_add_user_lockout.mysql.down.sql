-- m20260101_000000_add_user_lockout: downgrade on mysql
ALTER TABLE `users` DROP COLUMN `locked_until`;

ALTER TABLE `users` DROP COLUMN `failed_login_count`;
