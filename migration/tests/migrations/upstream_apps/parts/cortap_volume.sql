-- The rest of the ingest, in the real volume: 23 sections, 160 questions, 493 indicators and
-- 338 deficiencies in all (with the rows above). A scratch table of numbers 0-999 drives it
-- and is dropped again.
CREATE TABLE fixture_numbers (n INTEGER NOT NULL);
INSERT INTO fixture_numbers (n) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
INSERT INTO fixture_numbers (n) SELECT a.n + 10 * b.n FROM fixture_numbers a, fixture_numbers b WHERE b.n > 0;
INSERT INTO fixture_numbers (n) SELECT a.n + 100 * b.n FROM fixture_numbers a, fixture_numbers b WHERE b.n BETWEEN 1 AND 9;
INSERT INTO compliance_sections (section_code, section_name, page_range, purpose, created_at, updated_at)
    SELECT CONCAT('S', n), CONCAT('Section ', n, ' — Überprüfung'), NULL, NULL, '2025-01-06 10:00:00', NULL
    FROM fixture_numbers WHERE n < 20 ORDER BY n;
INSERT INTO compliance_questions (section_id, question_code, question_text, basic_requirement, applicability, detailed_explanation, instructions_for_reviewer, question_order, created_at, updated_at)
    SELECT 4 + n % 20, CONCAT('Q', n), CONCAT('Question ', n, '?'), NULL, NULL, NULL, NULL, 1 + n % 7, '2025-01-06 10:00:00', NULL
    FROM fixture_numbers WHERE n < 156 ORDER BY n;
INSERT INTO compliance_indicators (question_id, letter, indicator_text, indicator_order, created_at, updated_at)
    SELECT 5 + n % 156, CONCAT('x', n), CONCAT('Indicator ', n), 1 + n % 4, '2025-01-06 10:00:00', NULL
    FROM fixture_numbers WHERE n < 490 ORDER BY n;
INSERT INTO compliance_deficiencies (question_id, deficiency_code, deficiency_title, determination, corrective_action, deficiency_order, created_at, updated_at)
    SELECT 5 + n % 156, CONCAT('D', n), CONCAT('Deficiency ', n), 'Deficient', NULL, 1 + n % 3, '2025-01-06 10:00:00', NULL
    FROM fixture_numbers WHERE n < 335 ORDER BY n;
DROP TABLE fixture_numbers;
