-- m20251210_090000_create_funding_opportunities: upgrade on postgres
CREATE TYPE "statusenum" AS ENUM ('raw', 'reviewed', 'approved', 'rejected');

CREATE TABLE "funding_opportunities" ( "id" serial NOT NULL PRIMARY KEY, "source_url" text NOT NULL, "json_data" json, "editable_text" text, "status" statusenum NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP );

CREATE UNIQUE INDEX "uq_funding_opportunities_source_url" ON "funding_opportunities" ("source_url");

CREATE INDEX "ix_funding_opportunities_status" ON "funding_opportunities" ("status");
