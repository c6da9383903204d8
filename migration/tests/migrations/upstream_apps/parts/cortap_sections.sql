-- CORTAP's sections and questions. Revision 989ceebf408f and the models agree on sections
-- (a unique constraint on section_code plus non-unique ix_ indexes, one of them on the primary
-- key); the models alone (tag `models`) add the questions' composite keys, which a database
-- that Alembic built first never gets. Timestamps naive and nullable, no server defaults.
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
) {options};
CREATE INDEX ix_compliance_sections_id ON compliance_sections (id);
CREATE INDEX ix_compliance_sections_section_code ON compliance_sections (section_code);
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
--[models]     CONSTRAINT uq_section_question_code UNIQUE (section_id, question_code),
    FOREIGN KEY(section_id) REFERENCES compliance_sections (id) ON DELETE CASCADE
) {options};
CREATE INDEX ix_compliance_questions_id ON compliance_questions (id);
CREATE INDEX ix_compliance_questions_question_code ON compliance_questions (question_code);
--[sqlite,postgres] CREATE INDEX ix_compliance_questions_applicability ON compliance_questions (applicability);
--[mariadb] CREATE INDEX ix_compliance_questions_applicability ON compliance_questions (applicability(768));
--[models] CREATE INDEX idx_section_questions ON compliance_questions (section_id);
--[models] CREATE INDEX idx_question_order ON compliance_questions (section_id, question_order);
