-- Rows in the compliance tables (with the quirks the data really has: section "9", question
-- codes 5307:1, TVI10-1 and SCC-PARTIAL, letter b.1, deficiency code "None") and in every
-- later table.
INSERT INTO compliance_sections (section_code, section_name, page_range, purpose, created_at, updated_at) VALUES
    ('1', 'Legal', '1-1 to 1-12', 'To determine whether the recipient is eligible …', '2025-01-05 10:00:00', NULL),
    ('9', 'Procurement', '9-1 to 9-40', NULL, '2025-01-05 10:00:01.25', '2025-02-01 00:00:00'),
    ('TVI', 'Title VI — Civil Rights ✊', NULL, 'Non-discrimination', NULL, NULL);
INSERT INTO compliance_questions (section_id, question_code, question_text, basic_requirement, applicability, detailed_explanation, instructions_for_reviewer, question_order, created_at, updated_at) VALUES
    (1, 'L1', 'Is the recipient eligible to receive FTA funds?', 'Recipients must be eligible.', 'All recipients', NULL, 'Review the SAM.gov record.', 1, '2025-01-05 10:00:00', NULL),
    (2, '5307:1', 'Does the recipient follow § 5307 procurement rules?', NULL, NULL, NULL, NULL, 1, '2025-01-05 10:00:00', NULL),
    (3, 'TVI10-1', 'Has the recipient a Title VI programme — “Programm”?', 'Submit every three years.', 'Urbanized area ≥ 200 000', 'Details …', NULL, 1, NULL, NULL),
    (3, 'SCC-PARTIAL', 'Partial coverage 🚍', NULL, NULL, NULL, NULL, 2, '2025-01-05 10:00:00', '2025-03-01 09:00:00');
INSERT INTO compliance_indicators (question_id, letter, indicator_text, indicator_order, created_at, updated_at) VALUES
    (1, 'a', 'The recipient is a designated recipient.', 1, '2025-01-05 10:00:00', NULL),
    (1, 'b.1', 'Subrecipient agreements are current — ✔', 2, '2025-01-05 10:00:00', NULL),
    (3, 'a', 'Notice to the public is posted in English and Español', 1, NULL, NULL);
INSERT INTO compliance_deficiencies (question_id, deficiency_code, deficiency_title, determination, corrective_action, deficiency_order, created_at, updated_at) VALUES
    (1, 'L1-1', 'Ineligible recipient', 'Deficient', 'Submit documentation of eligibility.', 1, '2025-01-05 10:00:00', NULL),
    (2, 'None', 'No deficiency', 'Not deficient', NULL, 1, '2025-01-05 10:00:00', NULL),
    (4, 'SCC5-1', 'Coverage gap 🕳️', 'Deficient', 'Extend service — “corrective”', 2, NULL, '2025-04-01 12:00:00');
INSERT INTO recipients (recipient_id, name, region, created_at) VALUES
    ('1234', 'Metro Transit Authority', 'V', '2025-01-20 09:00:00'),
    ('5678', 'Ciudad de Peñasco 🚌', NULL, NULL);
INSERT INTO audit_reviews (recipient_id, fiscal_year, review_type, findings, created_at) VALUES
    (1, 2024, 'Triennial', '{"deficient": ["9", "TVI"], "note": "follow-up ✅"}', '2025-01-21 09:00:00'),
    (2, 2025, NULL, NULL, NULL);
INSERT INTO historical_assessments (audit_review_id, section_id, finding, notes, created_at) VALUES
    (1, 2, 'D', 'Procurement files incomplete', '2025-01-22 09:00:00'),
    (1, NULL, 'ND', NULL, NULL);
INSERT INTO lessons_learned (title, body, created_at) VALUES
    ('Keep DBE goals current', 'Résumé: ✔ update every 3 years', '2025-01-23 09:00:00');
INSERT INTO awards (recipient_id, award_number, amount, created_at) VALUES
    (1, 'PA-2024-001-00', 1234567.89, '2025-01-24 09:00:00'),
    (2, 'NM-2025-017-01', NULL, NULL);
INSERT INTO projects (award_id, description, created_at) VALUES
    (1, 'Bus replacement — 12 × 40 ft', '2025-01-25 09:00:00');
