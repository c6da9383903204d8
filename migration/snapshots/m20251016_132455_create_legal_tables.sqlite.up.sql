-- m20251016_132455_create_legal_tables: upgrade on sqlite
CREATE TABLE "users" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(255) NOT NULL, "email" varchar(255) NOT NULL, "password_hash" varchar(255) NOT NULL, "role" varchar(50) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP );

CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email");

CREATE TABLE "clients" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "lawyer_id" integer NOT NULL, "name" varchar(255) NOT NULL, "contact" varchar(255), "address" varchar(500), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("lawyer_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION );

CREATE TABLE "cases" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "client_id" integer NOT NULL, "title" varchar(500) NOT NULL, "status" varchar(100) NOT NULL, "description" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text, FOREIGN KEY ("client_id") REFERENCES "clients" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION );

CREATE INDEX "ix_cases_status" ON "cases" ("status");

CREATE TABLE "property_opinions" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "client_id" integer NOT NULL, "document_url" varchar(1000), "status" varchar(100) NOT NULL, "notes" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("client_id") REFERENCES "clients" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION );

CREATE TABLE "research_queries" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "lawyer_id" integer NOT NULL, "query_text" text NOT NULL, "response_text" text, "timestamp" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("lawyer_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION );

CREATE TABLE "junior_logs" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "lawyer_id" integer NOT NULL, "action" text NOT NULL, "context" text, "response" text, "timestamp" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("lawyer_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION );

CREATE INDEX "ix_junior_logs_timestamp" ON "junior_logs" ("timestamp");

CREATE TABLE "inference_logs" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "query_id" integer NOT NULL, "model_used" varchar(255), "tokens" integer, "cost" double, "response_hash" varchar(255), "timestamp" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("query_id") REFERENCES "research_queries" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION );
