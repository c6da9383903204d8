-- m20251016_150000_add_legal_indexes: upgrade on postgres
CREATE INDEX "ix_clients_lawyer_id" ON "clients" ("lawyer_id");

CREATE INDEX "ix_cases_client_id" ON "cases" ("client_id");

CREATE INDEX "ix_inference_logs_query_id" ON "inference_logs" ("query_id");

CREATE INDEX "ix_property_opinions_client_id" ON "property_opinions" ("client_id");

CREATE INDEX "ix_research_queries_lawyer_id" ON "research_queries" ("lawyer_id");

CREATE INDEX "ix_junior_logs_lawyer_id" ON "junior_logs" ("lawyer_id");

CREATE INDEX "ix_research_queries_query_text_fts" ON "research_queries" USING gin (to_tsvector('english', "query_text"));
