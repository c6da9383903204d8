-- lindia-db at 4d6abf4eecda on a MariaDB whose default character set was latin1 (UPSTREAM.md:
-- tables may be utf8mb4 or the server default). Its rows hold only what latin1 can.
-- backends: mariadb
-- tags: latin1
-- include: parts/lindia_tables.sql
-- include: parts/lindia_indexes.sql
INSERT INTO users (name, email, password_hash, role, created_at) VALUES
    ('Zoë Ñúñez-Ørsted', 'zoe@legalindia.ai', '$2b$12$dummy_hash_1', 'admin', '2025-11-02 01:15:00'),
    ('François Müller', 'francois@legalindia.ai', '$2b$12$dummy_hash_2', 'lawyer', '2025-11-03 01:15:00');
INSERT INTO clients (lawyer_id, name, contact, address, created_at) VALUES
    (1, 'Café Größe & Söhne', NULL, 'Straße 5, Köln', '2025-11-04 10:00:00');
INSERT INTO cases (client_id, title, status, description, created_at, updated_at) VALUES
    (1, 'Garantie — «Rückgabe»', 'active', 'Fee: 1.200 €', '2025-11-05 10:00:00', NULL);
INSERT INTO property_opinions (client_id, document_url, status, notes, created_at) VALUES
    (1, NULL, 'pending', 'Grundbuch ½ Anteil', '2025-11-06 10:00:00');
INSERT INTO research_queries (lawyer_id, query_text, response_text, timestamp) VALUES
    (2, 'Kündigungsfrist?', NULL, '2025-11-07 10:00:00');
INSERT INTO junior_logs (lawyer_id, action, context, response, timestamp) VALUES
    (2, 'résumé', NULL, NULL, '2025-11-08 10:00:00');
INSERT INTO inference_logs (query_id, model_used, tokens, cost, response_hash, timestamp) VALUES
    (1, 'gpt-4o', 12, 0.5, NULL, '2025-11-09 10:00:00');
-- include: parts/alembic_version.sql
INSERT INTO alembic_version (version_num) VALUES ('4d6abf4eecda');
