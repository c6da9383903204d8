-- m20251206_103000_add_question_priority: upgrade on sqlite
ALTER TABLE "compliance_questions" ADD COLUMN "priority" varchar(20);

UPDATE "compliance_questions" SET "priority" = (CASE WHEN ("question_code" LIKE 'TVI%') THEN 'high' ELSE 'medium' END);
