-- m20251210_090000_create_funding_opportunities: upgrade on sqlite
CREATE TABLE "funding_opportunities" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "source_url" text NOT NULL, "json_data" json_text, "editable_text" text, "status" enum_text NOT NULL CHECK ("status" IN ('raw', 'reviewed', 'approved', 'rejected')), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP );

CREATE UNIQUE INDEX "uq_funding_opportunities_source_url" ON "funding_opportunities" ("source_url");

CREATE INDEX "ix_funding_opportunities_status" ON "funding_opportunities" ("status");
