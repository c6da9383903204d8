-- What the ingest script's create_all adds before loading: the indicator and deficiency
-- tables the app uses, named and keyed the models' way.
CREATE TABLE compliance_indicators (
    {id},
    question_id INTEGER NOT NULL,
    letter VARCHAR(5) NOT NULL,
    indicator_text TEXT NOT NULL,
    indicator_order INTEGER,
    created_at {ts},
    updated_at {ts},
    PRIMARY KEY (id),
    CONSTRAINT uq_question_letter UNIQUE (question_id, letter),
    FOREIGN KEY(question_id) REFERENCES compliance_questions (id) ON DELETE CASCADE
) {options};
CREATE INDEX idx_question_indicators ON compliance_indicators (question_id);
CREATE INDEX idx_indicator_order ON compliance_indicators (question_id, indicator_order);
CREATE TABLE compliance_deficiencies (
    {id},
    question_id INTEGER NOT NULL,
    deficiency_code VARCHAR(50) NOT NULL,
    deficiency_title TEXT NOT NULL,
    determination TEXT NOT NULL,
    corrective_action TEXT,
    deficiency_order INTEGER,
    created_at {ts},
    updated_at {ts},
    PRIMARY KEY (id),
    CONSTRAINT uq_question_deficiency_code UNIQUE (question_id, deficiency_code),
    FOREIGN KEY(question_id) REFERENCES compliance_questions (id) ON DELETE CASCADE
) {options};
CREATE INDEX idx_question_deficiencies ON compliance_deficiencies (question_id);
CREATE INDEX ix_compliance_deficiencies_deficiency_code ON compliance_deficiencies (deficiency_code);
