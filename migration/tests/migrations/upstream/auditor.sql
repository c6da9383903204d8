-- The JuraGPT auditor as its Alembic revision 001 builds it: JSON (not JSONB), naive
-- timestamps, no server defaults, no foreign keys, uniqueness from unique indexes only,
-- nullable columns that only the ORM filled. SQLAlchemy's Float is single precision on
-- MariaDB.
CREATE TABLE verification_log (
    {id},
    verification_id VARCHAR(36) NOT NULL,
    created_at {ts},
    answer_text TEXT NOT NULL,
    answer_hash VARCHAR(64) NOT NULL,
    answer_sentences INTEGER,
    has_citations {bool},
    citations {json},
    source_count INTEGER,
    source_fingerprints {json},
    verified_sentences INTEGER,
    verification_rate {float},
    confidence_score {float} NOT NULL,
    trust_label VARCHAR(20) NOT NULL,
    semantic_similarity {float},
    retrieval_quality {float},
    citation_presence {float},
    coverage {float},
    retry_attempts INTEGER,
    extra_metadata {json},
    is_valid {bool},
    invalidated_at {ts},
    duration_ms {float},
    PRIMARY KEY (id)
){options};
CREATE UNIQUE INDEX ix_verification_log_verification_id ON verification_log (verification_id);
CREATE INDEX ix_verification_log_confidence_score ON verification_log (confidence_score);
CREATE INDEX ix_verification_log_trust_label ON verification_log (trust_label);
CREATE INDEX ix_verification_log_is_valid ON verification_log (is_valid);
CREATE TABLE embedding_cache (
    {id},
    text_hash VARCHAR(64) NOT NULL,
    embedding {json} NOT NULL,
    embedding_dim INTEGER NOT NULL,
    model_name VARCHAR(100) NOT NULL,
    created_at {ts},
    last_accessed {ts} NOT NULL,
    access_count INTEGER,
    PRIMARY KEY (id)
){options};
CREATE UNIQUE INDEX ix_embedding_cache_text_hash ON embedding_cache (text_hash);
CREATE TABLE source_fingerprints (
    {id},
    source_id VARCHAR(100) NOT NULL,
    source_hash VARCHAR(64) NOT NULL,
    text TEXT NOT NULL,
    text_length INTEGER NOT NULL,
    version INTEGER,
    created_at {ts},
    updated_at {ts},
    extra_metadata {json},
    PRIMARY KEY (id)
){options};
CREATE UNIQUE INDEX ix_source_fingerprints_source_hash ON source_fingerprints (source_hash);
CREATE INDEX ix_source_fingerprints_source_id ON source_fingerprints (source_id);
INSERT INTO verification_log (verification_id, created_at, answer_text, answer_hash, answer_sentences, has_citations, citations, source_count, source_fingerprints, verified_sentences, verification_rate, confidence_score, trust_label, semantic_similarity, retrieval_quality, citation_presence, coverage, retry_attempts, extra_metadata, is_valid, invalidated_at, duration_ms) VALUES
    ('6f1c2d3e-0000-4000-8000-000000000001', '2025-04-01 08:00:00', 'Die Kündigung ist wirksam. §622 BGB', 'h1', 2, TRUE, '[{"source": "BGB §622", "page": 3}]', 1, '["fp-1"]', 2, 1.0, 0.875, '✅ Verified', 0.5, 0.75, 1.0, 0.625, 0, '{"model": "gpt-4o", "Ω": true}', TRUE, NULL, 1250.5),
    ('6f1c2d3e-0000-4000-8000-000000000002', '2025-04-02 09:15:30', 'Unklar ⚠️', 'h2', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.25, '⚠️ Review', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-04-03 10:00:00', NULL),
    ('6f1c2d3e-0000-4000-8000-000000000003', '2025-04-02 10:00:00', 'Abgelehnt', 'h3', 0, FALSE, '[]', 0, '[]', 0, 0.0, 0.125, '🚫 Rejected', 0.0, 0.0, 0.0, 0.0, 3, '{}', FALSE, NULL, 0.5);
INSERT INTO embedding_cache (text_hash, embedding, embedding_dim, model_name, created_at, last_accessed, access_count) VALUES
    ('t1', '[0.5, -0.25, 0.125]', 3, 'text-embedding-3-small', '2025-04-01 08:00:00', '2025-04-05 12:00:00', 7),
    ('t2', '[]', 0, 'mini', '2025-04-06 11:00:00', '2025-04-06 12:00:00', NULL);
INSERT INTO source_fingerprints (source_id, source_hash, text, text_length, version, created_at, updated_at, extra_metadata) VALUES
    ('bgb-622', 's1', '§ 622 Kündigungsfristen bei Arbeitsverhältnissen', 48, 1, '2025-04-01 08:00:00', NULL, '{"jurisdiction": "DE"}'),
    ('hgb-1', 's2', 'Handelsgesetzbuch 📘', 19, NULL, '2025-04-02 07:00:00', '2025-04-02 08:00:00', NULL);
