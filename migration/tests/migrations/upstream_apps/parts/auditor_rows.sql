-- What the auditor wrote: local (Europe/Berlin) wall-clock times, winter and summer, some with
-- microseconds (MariaDB's DATETIME drops them); emoji trust labels; JSON lists and objects;
-- NULL in columns whose defaults only the ORM knew. Floats are exact in single precision.
INSERT INTO verification_log (verification_id, created_at, answer_text, answer_hash, answer_sentences, has_citations, citations, source_count, source_fingerprints, verified_sentences, verification_rate, confidence_score, trust_label, semantic_similarity, retrieval_quality, citation_presence, coverage, retry_attempts, extra_metadata, is_valid, invalidated_at, duration_ms) VALUES
    ('7c9e6679-7425-40de-944b-e07fc1f90ae7', '2025-01-15 10:30:00', 'Gemäß § 433 BGB ist der Verkäufer verpflichtet …', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 4, TRUE, '["§ 433 BGB", "§ 434 BGB"]', 2, '[{"id": "bgb-433", "hash": "ab12"}]', 3, 0.75, 0.875, '✅ Verified', 0.9375, 0.8125, 1.0, 0.75, 0, '{"model": "gpt-4o", "lang": "de", "tags": ["kauf", "mängel"]}', TRUE, NULL, 1250.5),
    ('16fd2706-8baf-433b-82eb-8c7fada847da', '2025-07-15 10:30:00.654321', 'Die Frist beträgt zwei Wochen 🤔', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.5, '⚠️ Review', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('6ba7b810-9dad-11d1-80b4-00c04fd430c8', '2025-10-26 01:30:00', 'Kein Anspruch.', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 1, FALSE, '[]', 0, '[]', 0, 0.0, 0.125, '🚫 Rejected', 0.25, 0.0, 0.0, 0.0, 2, '{}', FALSE, '2039-12-01 18:00:00', 980.25);
INSERT INTO embedding_cache (text_hash, embedding, embedding_dim, model_name, created_at, last_accessed, access_count) VALUES
    ('2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', '[0.125, -0.5, 0.75, 1e-3]', 4, 'text-embedding-3-small', '2025-02-01 08:00:00', '2025-08-01 20:15:00.5', 7),
    ('fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9', '[]', 0, 'multilingual-e5 🌍', '2025-03-30 01:59:59', '2025-03-30 03:00:00', NULL);
INSERT INTO source_fingerprints (source_id, source_hash, text, text_length, version, created_at, updated_at, extra_metadata) VALUES
    ('bgb-433', 'ab12', 'Durch den Kaufvertrag wird der Verkäufer einer Sache verpflichtet …', 66, 1, '2025-01-10 12:00:00', NULL, '{"law": "BGB", "paragraph": 433}'),
    ('stgb-263', 'cd34', 'Betrug — „Wer in der Absicht …“ 🕵️', 33, NULL, '2025-06-10 12:00:00', '2025-06-11 13:14:15', NULL);
