-- The tables of CORTAP's later revisions (up to 9dc402e9cbef), which create_all builds too.
-- lexbase manages none of them; historical_assessments points into compliance_sections.
CREATE TABLE recipients (
    {id},
    recipient_id VARCHAR(20) NOT NULL,
    name VARCHAR(255) NOT NULL,
    region VARCHAR(10),
    created_at {ts},
    PRIMARY KEY (id),
    UNIQUE (recipient_id)
) {options};
CREATE INDEX ix_recipients_recipient_id ON recipients (recipient_id);
CREATE TABLE audit_reviews (
    {id},
    recipient_id INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    review_type VARCHAR(50),
    findings {json},
    created_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(recipient_id) REFERENCES recipients (id)
) {options};
CREATE TABLE historical_assessments (
    {id},
    audit_review_id INTEGER NOT NULL,
    section_id INTEGER,
    finding VARCHAR(2),
    notes TEXT,
    created_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(audit_review_id) REFERENCES audit_reviews (id),
    FOREIGN KEY(section_id) REFERENCES compliance_sections (id) ON DELETE SET NULL
) {options};
CREATE TABLE lessons_learned (
    {id},
    title VARCHAR(255) NOT NULL,
    body TEXT,
    created_at {ts},
    PRIMARY KEY (id)
) {options};
CREATE TABLE awards (
    {id},
    recipient_id INTEGER NOT NULL,
    award_number VARCHAR(50) NOT NULL,
    amount NUMERIC(12, 2),
    created_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(recipient_id) REFERENCES recipients (id)
) {options};
CREATE TABLE projects (
    {id},
    award_id INTEGER NOT NULL,
    description TEXT,
    created_at {ts},
    PRIMARY KEY (id),
    FOREIGN KEY(award_id) REFERENCES awards (id)
) {options};
