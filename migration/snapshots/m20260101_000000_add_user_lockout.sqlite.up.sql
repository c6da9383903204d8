-- m20260101_000000_add_user_lockout: upgrade on sqlite
ALTER TABLE "users" ADD COLUMN "failed_login_count" integer NOT NULL DEFAULT 0;

ALTER TABLE "users" ADD COLUMN "locked_until" timestamp_with_timezone_text;
