-- m20251030_153000_create_auditor_tables: upgrade on sqlite
CREATE TABLE "verification_log" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "verification_id" varchar(36) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "answer_text" text NOT NULL, "answer_hash" varchar(64) NOT NULL, "answer_sentences" integer DEFAULT 0, "has_citations" boolean DEFAULT FALSE, "citations" json_text, "source_count" integer DEFAULT 0, "source_fingerprints" json_text, "verified_sentences" integer DEFAULT 0, "verification_rate" double DEFAULT 0, "confidence_score" double NOT NULL, "trust_label" varchar(20) NOT NULL, "semantic_similarity" double, "retrieval_quality" double, "citation_presence" double, "coverage" double, "retry_attempts" integer DEFAULT 0, "extra_metadata" json_text, "is_valid" boolean DEFAULT TRUE, "invalidated_at" timestamp_with_timezone_text, "duration_ms" double );

CREATE UNIQUE INDEX "ix_verification_log_verification_id" ON "verification_log" ("verification_id");

CREATE INDEX "ix_verification_log_confidence_score" ON "verification_log" ("confidence_score");

CREATE INDEX "ix_verification_log_trust_label" ON "verification_log" ("trust_label");

CREATE INDEX "ix_verification_log_is_valid" ON "verification_log" ("is_valid");

CREATE TABLE "embedding_cache" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text_hash" varchar(64) NOT NULL, "embedding" json_text NOT NULL, "embedding_dim" integer NOT NULL, "model_name" varchar(100) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "last_accessed" timestamp_with_timezone_text NOT NULL, "access_count" integer DEFAULT 0 );

CREATE UNIQUE INDEX "ix_embedding_cache_text_hash" ON "embedding_cache" ("text_hash");

CREATE TABLE "source_fingerprints" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "source_id" varchar(100) NOT NULL, "source_hash" varchar(64) NOT NULL, "text" text NOT NULL, "text_length" integer NOT NULL, "version" integer DEFAULT 1, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text, "extra_metadata" json_text );

CREATE INDEX "ix_source_fingerprints_source_id" ON "source_fingerprints" ("source_id");

CREATE UNIQUE INDEX "ix_source_fingerprints_source_hash" ON "source_fingerprints" ("source_hash");
