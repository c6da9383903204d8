-- m20251206_103000_add_question_priority: downgrade on mysql
ALTER TABLE `compliance_questions` DROP COLUMN `priority`;
