-- ReqAgent on PostgreSQL as its start-up create_all leaves it (its migrations fail at 0001
-- there, so there is no alembic_version): five native enums, json and jsonb mixed,
-- `<table>_<col>_fkey` foreign keys, unique *indexes* ix_documents_sha256 and
-- ix_funding_opportunities_source_url, a redundant ix_<table>_id everywhere; no
-- uq_template_unique, no ix_funding_opportunities_status, no sources rows. Plus five tables
-- lexbase does not manage. PostgreSQL only: the app cannot build this anywhere else.
-- backends: postgres
CREATE TYPE statusenum AS ENUM ('raw', 'reviewed', 'approved', 'rejected');
CREATE TYPE templatestatusenum AS ENUM ('ready', 'failed', 'pending');
CREATE TYPE documentsourceenum AS ENUM ('pdf', 'url', 'upload');
CREATE TYPE ocrstatusenum AS ENUM ('not_needed', 'pending', 'done', 'failed');
CREATE TYPE sourcetypeenum AS ENUM ('crawler', 'api');
CREATE TABLE funding_opportunities (
    id SERIAL NOT NULL,
    source_url TEXT NOT NULL,
    json_data JSON,
    editable_text TEXT,
    status statusenum NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    variants JSONB NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_funding_opportunities_id ON funding_opportunities (id);
CREATE UNIQUE INDEX ix_funding_opportunities_source_url ON funding_opportunities (source_url);
CREATE TABLE proposal_templates (
    id SERIAL NOT NULL,
    funding_opportunity_id INTEGER NOT NULL,
    docx_path TEXT,
    pdf_path TEXT,
    status templatestatusenum NOT NULL,
    notes TEXT,
    hash TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id),
    FOREIGN KEY(funding_opportunity_id) REFERENCES funding_opportunities (id) ON DELETE CASCADE
);
CREATE INDEX ix_proposal_templates_id ON proposal_templates (id);
CREATE INDEX ix_proposal_templates_funding_opportunity_id ON proposal_templates (funding_opportunity_id);
CREATE INDEX ix_proposal_templates_hash ON proposal_templates (hash);
CREATE TABLE documents (
    id SERIAL NOT NULL,
    funding_opportunity_id INTEGER,
    source documentsourceenum NOT NULL,
    storage_path TEXT NOT NULL,
    mime TEXT,
    sha256 VARCHAR(64) NOT NULL,
    pages INTEGER,
    ocr_status ocrstatusenum NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id),
    FOREIGN KEY(funding_opportunity_id) REFERENCES funding_opportunities (id) ON DELETE CASCADE
);
CREATE INDEX ix_documents_id ON documents (id);
CREATE UNIQUE INDEX ix_documents_sha256 ON documents (sha256);
CREATE TABLE sources (
    id SERIAL NOT NULL,
    provider TEXT NOT NULL,
    type sourcetypeenum NOT NULL,
    domain TEXT,
    config JSONB DEFAULT '{}'::jsonb,
    enabled BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id)
);
CREATE INDEX ix_sources_id ON sources (id);
CREATE TABLE ingestion_runs (
    id SERIAL NOT NULL,
    source_id INTEGER NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    finished_at TIMESTAMP WITH TIME ZONE,
    items_seen INTEGER NOT NULL,
    items_ingested INTEGER NOT NULL,
    errors JSONB NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (id),
    FOREIGN KEY(source_id) REFERENCES sources (id) ON DELETE CASCADE
);
CREATE INDEX ix_ingestion_runs_id ON ingestion_runs (id);
CREATE TABLE parsed_data_feedback (
    id SERIAL NOT NULL,
    funding_opportunity_id INTEGER NOT NULL,
    field_name VARCHAR(100) NOT NULL,
    original_value TEXT,
    corrected_value TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id),
    FOREIGN KEY(funding_opportunity_id) REFERENCES funding_opportunities (id) ON DELETE CASCADE
);
CREATE INDEX ix_parsed_data_feedback_id ON parsed_data_feedback (id);
CREATE TABLE post_edit_feedback (
    id SERIAL NOT NULL,
    proposal_template_id INTEGER NOT NULL,
    section VARCHAR(100),
    diff JSON,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id),
    FOREIGN KEY(proposal_template_id) REFERENCES proposal_templates (id) ON DELETE CASCADE
);
CREATE INDEX ix_post_edit_feedback_id ON post_edit_feedback (id);
CREATE TABLE admin_users (
    id SERIAL NOT NULL,
    username VARCHAR(100) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(50) NOT NULL,
    failed_login_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id)
);
CREATE INDEX ix_admin_users_id ON admin_users (id);
CREATE UNIQUE INDEX ix_admin_users_username ON admin_users (username);
CREATE TABLE blog_posts (
    id SERIAL NOT NULL,
    title VARCHAR(255) NOT NULL,
    body TEXT,
    tags JSON,
    categories JSON,
    published_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
CREATE INDEX ix_blog_posts_id ON blog_posts (id);
CREATE TABLE security_events (
    id SERIAL NOT NULL,
    event_type VARCHAR(50) NOT NULL,
    username VARCHAR(100),
    ip_address VARCHAR(45),
    details JSON,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
    PRIMARY KEY (id)
);
CREATE INDEX ix_security_events_id ON security_events (id);
INSERT INTO funding_opportunities (source_url, json_data, editable_text, status, created_at, variants) VALUES
    ('https://www.grants.gov/search-results-detail/350001', '{"title": "Rural Transit 🚌", "amount": {"min": 50000, "max": 250000.5}, "tags": ["transit", "rural"]}', 'Editable — “draft”', 'raw', '2025-02-01 09:00:00+00', '[]'),
    ('https://www.gov.uk/government/publications/fund-ü', NULL, NULL, 'approved', '2025-02-02 09:00:00.123456+00', '[{"variant_title": "Default Variant", "grant_min": 1000, "grant_max": 5000, "currency": "GBP", "funding_type": "grant", "is_primary": true}]'),
    ('https://ec.europa.eu/info/funding-tenders/horizon-€', '{"programme": "Horizon Europe", "null_field": null}', NULL, 'rejected', '2025-07-01 00:00:00+02', '{"legacy": "not a list"}');
INSERT INTO proposal_templates (funding_opportunity_id, docx_path, pdf_path, status, notes, hash, created_at, updated_at) VALUES
    (1, '/data/t/1.docx', '/data/t/1.pdf', 'ready', 'Première version ✍️', 'a1b2c3', '2025-02-03 10:00:00+00', '2025-02-04 10:00:00+00'),
    (1, '/data/t/1b.docx', NULL, 'pending', NULL, NULL, '2025-02-05 10:00:00+00', '2025-02-05 10:00:00+00'),
    (2, NULL, NULL, 'failed', NULL, NULL, '2025-02-06 10:00:00+00', '2025-02-06 10:00:00+00');
INSERT INTO documents (funding_opportunity_id, source, storage_path, mime, sha256, pages, ocr_status, created_at) VALUES
    (1, 'pdf', '/data/d/rural-transit.pdf', 'application/pdf', '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b', 12, 'done', '2025-02-07 10:00:00+00'),
    (NULL, 'upload', '/data/d/ausschreibung_ä.pdf', NULL, 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c', NULL, 'not_needed', '2025-02-08 10:00:00+00');
INSERT INTO sources (provider, type, domain, config, enabled, created_at) VALUES
    ('grants.gov', 'api', 'grants.gov', '{"filters": {"status": "open"}, "rate_limit": 100}', true, '2025-01-01 00:00:00+00'),
    ('Bundesministerium 🇩🇪', 'crawler', NULL, '{}', false, '2025-01-02 00:00:00+00');
INSERT INTO ingestion_runs (source_id, started_at, finished_at, items_seen, items_ingested, errors) VALUES
    (1, '2025-02-01 08:00:00+00', '2025-02-01 08:05:00+00', 120, 118, '{"timeouts": 2}'),
    (2, '2025-02-02 08:00:00+00', NULL, 0, 0, '{}');
INSERT INTO parsed_data_feedback (funding_opportunity_id, field_name, original_value, corrected_value, created_at) VALUES
    (1, 'deadline', '31/12', '2025-12-31', '2025-02-09 10:00:00+00');
INSERT INTO post_edit_feedback (proposal_template_id, section, diff, created_at) VALUES
    (1, 'budget', '{"added": ["Zeile 3"], "removed": []}', '2025-02-10 10:00:00+00');
INSERT INTO admin_users (username, password_hash, role, failed_login_attempts, locked_until, created_at) VALUES
    ('admin', '$2b$12$dummy_hash_admin', 'superadmin', 3, '2040-01-01 00:00:00+00', '2025-01-01 00:00:00+00');
INSERT INTO blog_posts (title, body, tags, categories, published_at) VALUES
    ('Wie man Förderungen findet 🔍', 'Text …', '["grants", "howto"]', '{"primary": "guides"}', NULL);
INSERT INTO security_events (event_type, username, ip_address, details, created_at) VALUES
    ('login_failed', 'admin', '203.0.113.7', '{"reason": "bad password"}', '2025-02-11 10:00:00+00');
