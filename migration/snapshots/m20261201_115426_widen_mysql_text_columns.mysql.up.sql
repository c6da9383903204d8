-- m20261201_115426_widen_mysql_text_columns: upgrade on mysql
ALTER TABLE `cases` MODIFY `description` LONGTEXT NULL;

ALTER TABLE `property_opinions` MODIFY `notes` LONGTEXT NULL;

ALTER TABLE `research_queries` MODIFY `query_text` LONGTEXT NOT NULL, MODIFY `response_text` LONGTEXT NULL;

ALTER TABLE `junior_logs` MODIFY `action` LONGTEXT NOT NULL, MODIFY `context` LONGTEXT NULL, MODIFY `response` LONGTEXT NULL;

ALTER TABLE `verification_log` MODIFY `answer_text` LONGTEXT NOT NULL;

ALTER TABLE `source_fingerprints` MODIFY `text` LONGTEXT NOT NULL;

ALTER TABLE `compliance_sections` MODIFY `purpose` LONGTEXT NULL;

ALTER TABLE `compliance_questions` MODIFY `question_text` LONGTEXT NOT NULL, MODIFY `basic_requirement` LONGTEXT NULL, MODIFY `applicability` LONGTEXT NULL, MODIFY `detailed_explanation` LONGTEXT NULL, MODIFY `instructions_for_reviewer` LONGTEXT NULL;

ALTER TABLE `compliance_indicators` MODIFY `indicator_text` LONGTEXT NOT NULL;

ALTER TABLE `compliance_deficiencies` MODIFY `deficiency_title` LONGTEXT NOT NULL, MODIFY `determination` LONGTEXT NOT NULL, MODIFY `corrective_action` LONGTEXT NULL;

ALTER TABLE `funding_opportunities` MODIFY `source_url` LONGTEXT NOT NULL, MODIFY `editable_text` LONGTEXT NULL;

ALTER TABLE `proposal_templates` MODIFY `docx_path` LONGTEXT NULL, MODIFY `pdf_path` LONGTEXT NULL, MODIFY `notes` LONGTEXT NULL, MODIFY `hash` LONGTEXT NULL;

ALTER TABLE `documents` MODIFY `storage_path` LONGTEXT NOT NULL, MODIFY `mime` LONGTEXT NULL;

ALTER TABLE `sources` MODIFY `provider` LONGTEXT NOT NULL, MODIFY `domain` LONGTEXT NULL;
