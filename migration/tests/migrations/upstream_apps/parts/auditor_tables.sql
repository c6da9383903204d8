-- JuraGPT auditor revision 001 (its models build the same): naive timestamps, JSON, no server
-- defaults, no foreign keys; the columns with ORM-only defaults are nullable. Uniqueness
-- comes only from unique indexes.
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
) {options};
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
    last_accessed {ts},
    access_count INTEGER,
    PRIMARY KEY (id)
) {options};
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
) {options};
CREATE INDEX ix_source_fingerprints_source_id ON source_fingerprints (source_id);
CREATE UNIQUE INDEX ix_source_fingerprints_source_hash ON source_fingerprints (source_hash);
