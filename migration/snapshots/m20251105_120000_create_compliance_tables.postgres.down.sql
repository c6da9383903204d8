-- m20251105_120000_create_compliance_tables: downgrade on postgres
DROP TABLE "compliance_deficiencies";

DROP TABLE "compliance_indicators";

DROP TABLE "compliance_questions";

DROP TABLE "compliance_sections";
