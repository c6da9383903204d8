-- m20251210_090200_create_proposal_tables: upgrade on postgres
CREATE TYPE "templatestatusenum" AS ENUM ('ready', 'failed', 'pending');

CREATE TYPE "documentsourceenum" AS ENUM ('pdf', 'url', 'upload');

CREATE TYPE "ocrstatusenum" AS ENUM ('not_needed', 'pending', 'done', 'failed');

CREATE TYPE "sourcetypeenum" AS ENUM ('crawler', 'api');

CREATE TABLE "proposal_templates" ( "id" serial NOT NULL PRIMARY KEY, "funding_opportunity_id" integer NOT NULL, "docx_path" text, "pdf_path" text, "status" templatestatusenum NOT NULL, "notes" text, "hash" text, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "fk_proposal_templates_funding_opportunity_id" FOREIGN KEY ("funding_opportunity_id") REFERENCES "funding_opportunities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_template_unique" ON "proposal_templates" ("funding_opportunity_id", "hash") WHERE "hash" IS NOT NULL;

CREATE INDEX "ix_proposal_templates_funding_opportunity_id" ON "proposal_templates" ("funding_opportunity_id");

CREATE INDEX "ix_proposal_templates_hash" ON "proposal_templates" ("hash");

CREATE TABLE "documents" ( "id" serial NOT NULL PRIMARY KEY, "funding_opportunity_id" integer, "source" documentsourceenum NOT NULL, "storage_path" text NOT NULL, "mime" text, "sha256" varchar(64) NOT NULL, "pages" integer, "ocr_status" ocrstatusenum NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "fk_documents_funding_opportunity_id" FOREIGN KEY ("funding_opportunity_id") REFERENCES "funding_opportunities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_documents_sha256" ON "documents" ("sha256");

CREATE TABLE "sources" ( "id" serial NOT NULL PRIMARY KEY, "provider" text NOT NULL, "type" sourcetypeenum NOT NULL, "domain" text, "config" json DEFAULT '{}', "enabled" bool NOT NULL DEFAULT TRUE, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP );

CREATE TABLE "ingestion_runs" ( "id" serial NOT NULL PRIMARY KEY, "source_id" integer NOT NULL, "started_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "finished_at" timestamp with time zone, "items_seen" integer NOT NULL, "items_ingested" integer NOT NULL, "errors" json NOT NULL DEFAULT '[]', CONSTRAINT "fk_ingestion_runs_source_id" FOREIGN KEY ("source_id") REFERENCES "sources" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );
