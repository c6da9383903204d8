-- Rows in the two tables the app never uses (left there by an earlier version of it).
INSERT INTO indicators_of_compliance (question_id, indicator_letter, indicator_text, created_at) VALUES
    (1, 'a', 'Legacy indicator – never read by the app', '2025-01-05 10:00:00');
INSERT INTO possible_deficiencies (question_id, code, title, created_at) VALUES
    (2, 'L1', 'Legacy deficiency ⚠️', NULL);
