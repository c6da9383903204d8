-- CORTAP as its Alembic revision 989ceebf408f builds it: compliance_sections and
-- compliance_questions with SQLAlchemy's redundant indexes (a unique constraint on
-- section_code next to a non-unique ix_, an ix_<table>_id on the primary key), no unique key
-- on (section_id, question_code), two tables the app never uses, naive nullable timestamps
-- without defaults. compliance_indicators and compliance_deficiencies are not its
-- migration's: lexbase creates them.
CREATE TABLE compliance_sections (
    {id},
    section_code VARCHAR(50) NOT NULL,
    section_name VARCHAR(255) NOT NULL,
    page_range VARCHAR(50),
    purpose TEXT,
    created_at {ts},
    updated_at {ts},
    PRIMARY KEY (id),
    UNIQUE (section_code)
){options};
CREATE INDEX ix_compliance_sections_section_code ON compliance_sections (section_code);
CREATE INDEX ix_compliance_sections_id ON compliance_sections (id);
CREATE TABLE compliance_questions (
    {id},
    section_id INTEGER NOT NULL,
    question_code VARCHAR(50) NOT NULL,
    question_text TEXT NOT NULL,
    basic_requirement TEXT,
    applicability TEXT,
    detailed_explanation TEXT,
    instructions_for_reviewer TEXT,
    question_order INTEGER,
    created_at {ts},
    updated_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(section_id) REFERENCES compliance_sections (id) ON DELETE CASCADE
){options};
CREATE INDEX ix_compliance_questions_id ON compliance_questions (id);
CREATE INDEX ix_compliance_questions_question_code ON compliance_questions (question_code);
--[pg,sqlite] CREATE INDEX ix_compliance_questions_applicability ON compliance_questions (applicability);
--[mysql] CREATE INDEX ix_compliance_questions_applicability ON compliance_questions (applicability(768));
CREATE TABLE indicators_of_compliance (
    {id},
    question_id INTEGER NOT NULL,
    indicator_letter VARCHAR(10),
    indicator_text TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY(question_id) REFERENCES compliance_questions (id)
){options};
CREATE INDEX ix_indicators_of_compliance_id ON indicators_of_compliance (id);
CREATE TABLE possible_deficiencies (
    {id},
    question_id INTEGER NOT NULL,
    code VARCHAR(50),
    title TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY(question_id) REFERENCES compliance_questions (id)
){options};
CREATE INDEX ix_possible_deficiencies_id ON possible_deficiencies (id);
INSERT INTO compliance_sections (section_code, section_name, page_range, purpose, created_at, updated_at) VALUES
    ('9', 'Procurement', '9-1 to 9-40', 'Ensure procurements follow 2 CFR 200 — “full and open” competition', '2025-05-01 08:00:00', NULL),
    ('TVI', 'Title VI', NULL, NULL, '2025-05-01 09:00:00', '2025-05-02 08:00:00');
INSERT INTO compliance_questions (section_id, question_code, question_text, basic_requirement, applicability, detailed_explanation, instructions_for_reviewer, question_order, created_at, updated_at) VALUES
    (1, '5307:1', 'Does the recipient follow its procurement procedures?', 'Written procedures', 'All recipients', NULL, 'Review files ✔', 1, '2025-05-01 08:00:00', NULL),
    (2, 'TVI10-1', 'Is a Title VI notice posted?', NULL, NULL, NULL, NULL, 1, '2025-05-01 09:00:00', NULL),
    (2, 'SCC-PARTIAL', 'Partial question', NULL, NULL, NULL, NULL, NULL, '2025-05-01 09:30:00', NULL);
INSERT INTO indicators_of_compliance (question_id, indicator_letter, indicator_text) VALUES
    (1, 'b.1', 'Procedures on file');
INSERT INTO possible_deficiencies (question_id, code, title) VALUES
    (2, 'None', 'No deficiency 🙂');
