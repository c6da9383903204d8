-- m20251210_090200_create_proposal_tables: upgrade on sqlite
CREATE TABLE "proposal_templates" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "funding_opportunity_id" integer NOT NULL, "docx_path" text, "pdf_path" text, "status" enum_text NOT NULL CHECK ("status" IN ('ready', 'failed', 'pending')), "notes" text, "hash" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("funding_opportunity_id") REFERENCES "funding_opportunities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_template_unique" ON "proposal_templates" ("funding_opportunity_id", "hash") WHERE "hash" IS NOT NULL;

CREATE INDEX "ix_proposal_templates_funding_opportunity_id" ON "proposal_templates" ("funding_opportunity_id");

CREATE INDEX "ix_proposal_templates_hash" ON "proposal_templates" ("hash");

CREATE TABLE "documents" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "funding_opportunity_id" integer, "source" enum_text NOT NULL CHECK ("source" IN ('pdf', 'url', 'upload')), "storage_path" text NOT NULL, "mime" text, "sha256" varchar(64) NOT NULL, "pages" integer, "ocr_status" enum_text NOT NULL CHECK ("ocr_status" IN ('not_needed', 'pending', 'done', 'failed')), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY ("funding_opportunity_id") REFERENCES "funding_opportunities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_documents_sha256" ON "documents" ("sha256");

CREATE TABLE "sources" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "provider" text NOT NULL, "type" enum_text NOT NULL CHECK ("type" IN ('crawler', 'api')), "domain" text, "config" json_text DEFAULT '{}', "enabled" boolean NOT NULL DEFAULT TRUE, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP );

CREATE TABLE "ingestion_runs" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "source_id" integer NOT NULL, "started_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "finished_at" timestamp_with_timezone_text, "items_seen" integer NOT NULL, "items_ingested" integer NOT NULL, "errors" json_text NOT NULL DEFAULT '[]', FOREIGN KEY ("source_id") REFERENCES "sources" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );
