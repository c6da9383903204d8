-- m20260102_000000_create_api_tokens: upgrade on sqlite
CREATE TABLE "api_tokens" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "expires_at" timestamp_with_timezone_text NOT NULL, "revoked_at" timestamp_with_timezone_text, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_api_tokens_token_hash" ON "api_tokens" ("token_hash");

CREATE INDEX "ix_api_tokens_user_id" ON "api_tokens" ("user_id");
