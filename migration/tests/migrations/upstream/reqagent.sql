-- ReqAgent as its Alembic revisions 0001..0003 were written to build it (each enum type
-- created once): unique indexes named ix_ where lexbase says uq_, fk_-named foreign keys,
-- uq_template_unique, a redundant ix_<table>_id, the three default sources inserted by 0003.
-- Enums are native types on PostgreSQL and MariaDB, VARCHAR(n) on SQLite.
--[pg] CREATE TYPE statusenum AS ENUM ('raw', 'reviewed', 'approved', 'rejected');
--[pg] CREATE TYPE templatestatusenum AS ENUM ('ready', 'failed', 'pending');
--[pg] CREATE TYPE documentsourceenum AS ENUM ('pdf', 'url', 'upload');
--[pg] CREATE TYPE ocrstatusenum AS ENUM ('not_needed', 'pending', 'done', 'failed');
--[pg] CREATE TYPE sourcetypeenum AS ENUM ('crawler', 'api');
CREATE TABLE funding_opportunities (
    {id},
    source_url TEXT NOT NULL,
    json_data {json},
    editable_text TEXT,
    status {enum:statusenum:raw,reviewed,approved,rejected} NOT NULL,
    created_at {tstz} DEFAULT {now} NOT NULL,
    PRIMARY KEY (id)
){options};
CREATE UNIQUE INDEX ix_funding_opportunities_source_url ON funding_opportunities (source_url);
CREATE INDEX ix_funding_opportunities_status ON funding_opportunities (status);
CREATE INDEX ix_funding_opportunities_id ON funding_opportunities (id);
ALTER TABLE funding_opportunities ADD COLUMN variants {jsonb} DEFAULT '[]' NOT NULL;
CREATE TABLE proposal_templates (
    {id},
    funding_opportunity_id INTEGER NOT NULL,
    docx_path TEXT,
    pdf_path TEXT,
    status {enum:templatestatusenum:ready,failed,pending} NOT NULL,
    notes TEXT,
    hash TEXT,
    created_at {tstz} DEFAULT {now} NOT NULL,
    updated_at {tstz} DEFAULT {now} NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_proposal_templates_funding_opportunity_id FOREIGN KEY(funding_opportunity_id) REFERENCES funding_opportunities (id) ON DELETE CASCADE
){options};
--[pg,sqlite] CREATE UNIQUE INDEX uq_template_unique ON proposal_templates (funding_opportunity_id, hash) WHERE hash IS NOT NULL;
--[mysql] CREATE UNIQUE INDEX uq_template_unique ON proposal_templates (funding_opportunity_id, hash);
--[pg,sqlite] CREATE INDEX ix_proposal_templates_funding_opportunity_id ON proposal_templates (funding_opportunity_id);
--[pg,sqlite] CREATE INDEX ix_proposal_templates_hash ON proposal_templates (hash);
--[mysql] CREATE INDEX ix_proposal_templates_funding_opportunity_id ON proposal_templates (funding_opportunity_id);
--[mysql] CREATE INDEX ix_proposal_templates_hash ON proposal_templates (hash(255));
CREATE INDEX ix_proposal_templates_id ON proposal_templates (id);
CREATE TABLE documents (
    {id},
    funding_opportunity_id INTEGER,
    source {enum:documentsourceenum:pdf,url,upload} NOT NULL,
    storage_path TEXT NOT NULL,
    mime TEXT,
    sha256 VARCHAR(64) NOT NULL,
    pages INTEGER,
    ocr_status {enum:ocrstatusenum:not_needed,pending,done,failed} NOT NULL,
    created_at {tstz} DEFAULT {now} NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_documents_funding_opportunity_id FOREIGN KEY(funding_opportunity_id) REFERENCES funding_opportunities (id) ON DELETE CASCADE
){options};
CREATE UNIQUE INDEX ix_documents_sha256 ON documents (sha256);
CREATE INDEX ix_documents_id ON documents (id);
CREATE TABLE sources (
    {id},
    provider TEXT NOT NULL,
    type {enum:sourcetypeenum:crawler,api} NOT NULL,
    domain TEXT,
    config {json} DEFAULT '{}',
    enabled {bool} DEFAULT TRUE NOT NULL,
    created_at {tstz} DEFAULT {now} NOT NULL,
    PRIMARY KEY (id)
){options};
CREATE TABLE ingestion_runs (
    {id},
    source_id INTEGER NOT NULL,
    started_at {tstz} DEFAULT {now} NOT NULL,
    finished_at {tstz},
    items_seen INTEGER NOT NULL,
    items_ingested INTEGER NOT NULL,
    errors {json} DEFAULT '[]' NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_ingestion_runs_source_id FOREIGN KEY(source_id) REFERENCES sources (id) ON DELETE CASCADE
){options};
INSERT INTO sources (provider, type, domain, config, enabled, created_at) VALUES
    ('grants.gov', 'api', 'grants.gov', '{"filters": {"status": "open"}, "rate_limit": 100}', TRUE, '2025-06-01 00:00:00{utc}'),
    ('UK Government', 'crawler', 'gov.uk', '{}', TRUE, '2025-06-01 00:00:00{utc}'),
    ('European Commission', 'crawler', 'ec.europa.eu', NULL, FALSE, '2025-06-01 00:00:00{utc}');
INSERT INTO funding_opportunities (source_url, json_data, editable_text, status, created_at, variants) VALUES
    ('https://www.grants.gov/view-opportunity/350001', '{"title": "Rural Broadband 🛰️", "amount": 250000}', 'Draft – édition', 'raw', '2025-06-02 10:00:00{utc}', '[{"variant_title": "Default Variant", "grant_min": 1000, "grant_max": 5000, "currency": "GBP", "funding_type": "grant", "is_primary": true}]'),
    ('https://www.gov.uk/funding/42', NULL, NULL, 'approved', '2025-06-03 10:00:00.123456{utc}', '[]');
INSERT INTO proposal_templates (funding_opportunity_id, docx_path, pdf_path, status, notes, hash, created_at, updated_at) VALUES
    (1, '/t/1.docx', '/t/1.pdf', 'ready', 'Zusammenfassung ✓', 'aa11', '2025-06-04 10:00:00{utc}', '2025-06-05 10:00:00{utc}'),
    (1, NULL, NULL, 'pending', NULL, NULL, '2025-06-04 11:00:00{utc}', '2025-06-04 11:00:00{utc}'),
    (2, '/t/2.docx', NULL, 'failed', NULL, NULL, '2025-06-04 12:00:00{utc}', '2025-06-04 12:00:00{utc}');
INSERT INTO documents (funding_opportunity_id, source, storage_path, mime, sha256, pages, ocr_status, created_at) VALUES
    (1, 'pdf', '/d/1.pdf', 'application/pdf', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 12, 'done', '2025-06-06 10:00:00{utc}'),
    (NULL, 'upload', '/d/日本語.png', NULL, 'ffff', NULL, 'not_needed', '2025-06-06 11:00:00{utc}');
INSERT INTO ingestion_runs (source_id, started_at, finished_at, items_seen, items_ingested, errors) VALUES
    (1, '2025-06-07 01:00:00{utc}', '2025-06-07 01:05:00{utc}', 40, 38, '[{"url": "https://x", "error": "timeout"}]'),
    (2, '2025-06-08 01:00:00{utc}', NULL, 0, 0, '[]');
