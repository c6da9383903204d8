-- m20251016_150000_add_legal_indexes: downgrade on postgres
DROP INDEX "ix_research_queries_query_text_fts";

DROP INDEX "ix_junior_logs_lawyer_id";

DROP INDEX "ix_research_queries_lawyer_id";

DROP INDEX "ix_property_opinions_client_id";

DROP INDEX "ix_inference_logs_query_id";

DROP INDEX "ix_cases_client_id";

DROP INDEX "ix_clients_lawyer_id";
