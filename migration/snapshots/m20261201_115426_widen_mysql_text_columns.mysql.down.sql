-- m20261201_115426_widen_mysql_text_columns: downgrade on mysql
ALTER TABLE `cases` MODIFY `description` TEXT NULL;

ALTER TABLE `property_opinions` MODIFY `notes` TEXT NULL;

ALTER TABLE `research_queries` MODIFY `query_text` TEXT NOT NULL, MODIFY `response_text` TEXT NULL;

ALTER TABLE `junior_logs` MODIFY `action` TEXT NOT NULL, MODIFY `context` TEXT NULL, MODIFY `response` TEXT NULL;

ALTER TABLE `verification_log` MODIFY `answer_text` TEXT NOT NULL;

ALTER TABLE `source_fingerprints` MODIFY `text` TEXT NOT NULL;

ALTER TABLE `compliance_sections` MODIFY `purpose` TEXT NULL;

ALTER TABLE `compliance_questions` MODIFY `question_text` TEXT NOT NULL, MODIFY `basic_requirement` TEXT NULL, MODIFY `applicability` TEXT NULL, MODIFY `detailed_explanation` TEXT NULL, MODIFY `instructions_for_reviewer` TEXT NULL;

ALTER TABLE `compliance_indicators` MODIFY `indicator_text` TEXT NOT NULL;

ALTER TABLE `compliance_deficiencies` MODIFY `deficiency_title` TEXT NOT NULL, MODIFY `determination` TEXT NOT NULL, MODIFY `corrective_action` TEXT NULL;

ALTER TABLE `funding_opportunities` MODIFY `source_url` TEXT NOT NULL, MODIFY `editable_text` TEXT NULL;

ALTER TABLE `proposal_templates` MODIFY `docx_path` TEXT NULL, MODIFY `pdf_path` TEXT NULL, MODIFY `notes` TEXT NULL, MODIFY `hash` TEXT NULL;

ALTER TABLE `documents` MODIFY `storage_path` TEXT NOT NULL, MODIFY `mime` TEXT NULL;

ALTER TABLE `sources` MODIFY `provider` TEXT NOT NULL, MODIFY `domain` TEXT NULL;
