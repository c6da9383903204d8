-- lindia-db as its Alembic history builds it: 04bd3fd5e6c2 (seven tables) then 4d6abf4eecda
-- (indexes). Nullable timestamps defaulting to the current time, unnamed foreign keys, a
-- unique constraint on users.email next to a non-unique ix_users_email.
CREATE TABLE users (
    {id},
    name VARCHAR(255) NOT NULL,
    email VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(50) NOT NULL,
    created_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    UNIQUE (email)
){options};
CREATE INDEX ix_users_email ON users (email);
CREATE TABLE clients (
    {id},
    lawyer_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    contact VARCHAR(255),
    address VARCHAR(500),
    created_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(lawyer_id) REFERENCES users (id)
){options};
CREATE TABLE junior_logs (
    {id},
    lawyer_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    context TEXT,
    response TEXT,
    {timestamp} {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(lawyer_id) REFERENCES users (id)
){options};
CREATE INDEX ix_junior_logs_timestamp ON junior_logs ({timestamp});
CREATE TABLE research_queries (
    {id},
    lawyer_id INTEGER NOT NULL,
    query_text TEXT NOT NULL,
    response_text TEXT,
    {timestamp} {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(lawyer_id) REFERENCES users (id)
){options};
CREATE TABLE cases (
    {id},
    client_id INTEGER NOT NULL,
    title VARCHAR(500) NOT NULL,
    status VARCHAR(100) NOT NULL,
    description TEXT,
    created_at {tstz} DEFAULT {now},
    updated_at {tstz},
    PRIMARY KEY (id),
    FOREIGN KEY(client_id) REFERENCES clients (id)
){options};
CREATE INDEX ix_cases_status ON cases (status);
CREATE TABLE inference_logs (
    {id},
    query_id INTEGER NOT NULL,
    model_used VARCHAR(255),
    tokens INTEGER,
    cost {float},
    response_hash VARCHAR(255),
    {timestamp} {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(query_id) REFERENCES research_queries (id)
){options};
CREATE TABLE property_opinions (
    {id},
    client_id INTEGER NOT NULL,
    document_url VARCHAR(1000),
    status VARCHAR(100) NOT NULL,
    notes TEXT,
    created_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(client_id) REFERENCES clients (id)
){options};
CREATE INDEX ix_clients_lawyer_id ON clients (lawyer_id);
CREATE INDEX ix_cases_client_id ON cases (client_id);
CREATE INDEX ix_inference_logs_query_id ON inference_logs (query_id);
--[pg] CREATE INDEX ix_research_queries_query_text_fts ON research_queries USING gin (to_tsvector('english'::regconfig, query_text));
INSERT INTO users (name, email, password_hash, role, created_at) VALUES
    ('Amit Sharma', 'amit.sharma@legalindia.ai', '$2b$12$dummy_hash_1', 'lawyer', '2025-03-01 09:30:00{utc}'),
    ('Priya Patel 🌸', 'priya.patel@legalindia.ai', '$2b$12$dummy_hash_2', 'lawyer', '2025-03-02 10:00:00.250000{utc}');
INSERT INTO clients (lawyer_id, name, contact, address, created_at) VALUES
    (1, 'Tech Solutions Pvt Ltd', '+91-9876543210', 'Mumbai, Maharashtra', '2025-03-03 08:00:00{utc}'),
    (2, 'Green Properties LLC — Ünïcode', NULL, 'दिल्ली, NCR', '2025-03-04 12:15:00{utc}');
INSERT INTO cases (client_id, title, status, description, created_at, updated_at) VALUES
    (1, 'Contract Dispute Resolution', 'active', 'Dispute over service level agreement breach ⚖️', '2025-03-05 09:00:00{utc}', NULL),
    (2, 'Title check', 'pending', NULL, '2025-03-06 09:00:00{utc}', '2039-06-01 00:00:00{utc}');
INSERT INTO property_opinions (client_id, document_url, status, notes, created_at) VALUES
    (2, 'https://storage.example.com/docs/prop_123.pdf', 'pending', 'Initial review requested for land title verification', '2025-03-07 10:00:00{utc}');
INSERT INTO research_queries (lawyer_id, query_text, response_text, {timestamp}) VALUES
    (1, 'Limitation period for breach of contract?', 'Three years (Article 55) 📜', '2025-03-08 11:00:00{utc}'),
    (2, 'Stamp duty on conveyance deeds', NULL, '2025-03-09 11:00:00{utc}');
INSERT INTO junior_logs (lawyer_id, action, context, response, {timestamp}) VALUES
    (1, 'draft_notice', '{"case": 1, "tone": "firm"}', NULL, '2025-03-10 07:45:00{utc}');
INSERT INTO inference_logs (query_id, model_used, tokens, cost, response_hash, {timestamp}) VALUES
    (1, 'gpt-4o', 512, 0.375, 'abc123', '2025-03-11 06:30:00{utc}'),
    (2, NULL, NULL, NULL, NULL, '2025-03-12 06:30:00{utc}');
