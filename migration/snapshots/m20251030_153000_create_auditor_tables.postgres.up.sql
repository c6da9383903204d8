-- m20251030_153000_create_auditor_tables: upgrade on postgres
CREATE TABLE "verification_log" ( "id" serial NOT NULL PRIMARY KEY, "verification_id" varchar(36) NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "answer_text" text NOT NULL, "answer_hash" varchar(64) NOT NULL, "answer_sentences" integer DEFAULT 0, "has_citations" bool DEFAULT FALSE, "citations" json, "source_count" integer DEFAULT 0, "source_fingerprints" json, "verified_sentences" integer DEFAULT 0, "verification_rate" double precision DEFAULT 0, "confidence_score" double precision NOT NULL, "trust_label" varchar(20) NOT NULL, "semantic_similarity" double precision, "retrieval_quality" double precision, "citation_presence" double precision, "coverage" double precision, "retry_attempts" integer DEFAULT 0, "extra_metadata" json, "is_valid" bool DEFAULT TRUE, "invalidated_at" timestamp with time zone, "duration_ms" double precision );

CREATE UNIQUE INDEX "ix_verification_log_verification_id" ON "verification_log" ("verification_id");

CREATE INDEX "ix_verification_log_confidence_score" ON "verification_log" ("confidence_score");

CREATE INDEX "ix_verification_log_trust_label" ON "verification_log" ("trust_label");

CREATE INDEX "ix_verification_log_is_valid" ON "verification_log" ("is_valid");

CREATE TABLE "embedding_cache" ( "id" serial NOT NULL PRIMARY KEY, "text_hash" varchar(64) NOT NULL, "embedding" json NOT NULL, "embedding_dim" integer NOT NULL, "model_name" varchar(100) NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "last_accessed" timestamp with time zone NOT NULL, "access_count" integer DEFAULT 0 );

CREATE UNIQUE INDEX "ix_embedding_cache_text_hash" ON "embedding_cache" ("text_hash");

CREATE TABLE "source_fingerprints" ( "id" serial NOT NULL PRIMARY KEY, "source_id" varchar(100) NOT NULL, "source_hash" varchar(64) NOT NULL, "text" text NOT NULL, "text_length" integer NOT NULL, "version" integer DEFAULT 1, "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp with time zone, "extra_metadata" json );

CREATE INDEX "ix_source_fingerprints_source_id" ON "source_fingerprints" ("source_id");

CREATE UNIQUE INDEX "ix_source_fingerprints_source_hash" ON "source_fingerprints" ("source_hash");
