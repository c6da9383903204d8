-- lindia-db revision 4d6abf4eecda: three foreign-key indexes and, on PostgreSQL only, the
-- full-text index. (On MariaDB the new indexes replace InnoDB's implicit ones on the same
-- columns; the others stay.)
CREATE INDEX ix_clients_lawyer_id ON clients (lawyer_id);
CREATE INDEX ix_cases_client_id ON cases (client_id);
CREATE INDEX ix_inference_logs_query_id ON inference_logs (query_id);
--[postgres] CREATE INDEX ix_research_queries_query_text_fts ON research_queries USING gin (to_tsvector('english'::regconfig, query_text));
