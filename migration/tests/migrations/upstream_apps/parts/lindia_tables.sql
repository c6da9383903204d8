-- lindia-db revision 04bd3fd5e6c2: seven tables. Timestamps are nullable with a server
-- default; foreign keys are unnamed (ON DELETE NO ACTION); users.email carries a unique
-- constraint and, besides it, a non-unique ix_users_email.
CREATE TABLE users (
    {id},
    name VARCHAR(255) NOT NULL,
    email VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(50) NOT NULL,
    created_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    UNIQUE (email)
) {options};
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
) {options};
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
) {options};
CREATE INDEX ix_cases_status ON cases (status);
CREATE TABLE property_opinions (
    {id},
    client_id INTEGER NOT NULL,
    document_url VARCHAR(1000),
    status VARCHAR(100) NOT NULL,
    notes TEXT,
    created_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(client_id) REFERENCES clients (id)
) {options};
CREATE TABLE research_queries (
    {id},
    lawyer_id INTEGER NOT NULL,
    query_text TEXT NOT NULL,
    response_text TEXT,
    timestamp {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(lawyer_id) REFERENCES users (id)
) {options};
CREATE TABLE junior_logs (
    {id},
    lawyer_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    context TEXT,
    response TEXT,
    timestamp {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(lawyer_id) REFERENCES users (id)
) {options};
CREATE INDEX ix_junior_logs_timestamp ON junior_logs (timestamp);
CREATE TABLE inference_logs (
    {id},
    query_id INTEGER NOT NULL,
    model_used VARCHAR(255),
    tokens INTEGER,
    cost {double},
    response_hash VARCHAR(255),
    timestamp {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(query_id) REFERENCES research_queries (id)
) {options};
