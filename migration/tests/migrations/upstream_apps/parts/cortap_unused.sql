-- Two tables revision 989ceebf408f creates and the app never uses (lexbase manages neither).
CREATE TABLE indicators_of_compliance (
    {id},
    question_id INTEGER NOT NULL,
    indicator_letter VARCHAR(10) NOT NULL,
    indicator_text TEXT NOT NULL,
    created_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(question_id) REFERENCES compliance_questions (id)
) {options};
CREATE INDEX ix_indicators_of_compliance_id ON indicators_of_compliance (id);
CREATE TABLE possible_deficiencies (
    {id},
    question_id INTEGER NOT NULL,
    code VARCHAR(50) NOT NULL,
    title TEXT NOT NULL,
    created_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(question_id) REFERENCES compliance_questions (id)
) {options};
CREATE INDEX ix_possible_deficiencies_id ON possible_deficiencies (id);
