-- m20251105_120000_create_compliance_tables: upgrade on sqlite
CREATE TABLE "compliance_sections" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "section_code" varchar(50) NOT NULL, "section_name" varchar(255) NOT NULL, "page_range" varchar(50), "purpose" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text );

CREATE UNIQUE INDEX "uq_compliance_sections_section_code" ON "compliance_sections" ("section_code");

CREATE TABLE "compliance_questions" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "section_id" integer NOT NULL, "question_code" varchar(50) NOT NULL, "question_text" text NOT NULL, "basic_requirement" text, "applicability" text, "detailed_explanation" text, "instructions_for_reviewer" text, "question_order" integer, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text, FOREIGN KEY ("section_id") REFERENCES "compliance_sections" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_compliance_questions_section_id_question_code" ON "compliance_questions" ("section_id", "question_code");

CREATE INDEX "ix_compliance_questions_section_id_question_order" ON "compliance_questions" ("section_id", "question_order");

CREATE TABLE "compliance_indicators" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "question_id" integer NOT NULL, "letter" varchar(5) NOT NULL, "indicator_text" text NOT NULL, "indicator_order" integer, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text, FOREIGN KEY ("question_id") REFERENCES "compliance_questions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_compliance_indicators_question_id_letter" ON "compliance_indicators" ("question_id", "letter");

CREATE TABLE "compliance_deficiencies" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "question_id" integer NOT NULL, "deficiency_code" varchar(50) NOT NULL, "deficiency_title" text NOT NULL, "determination" text NOT NULL, "corrective_action" text, "deficiency_order" integer, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT CURRENT_TIMESTAMP, "updated_at" timestamp_with_timezone_text, FOREIGN KEY ("question_id") REFERENCES "compliance_questions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION );

CREATE UNIQUE INDEX "uq_compliance_deficiencies_question_id_deficiency_code" ON "compliance_deficiencies" ("question_id", "deficiency_code");
