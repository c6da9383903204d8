-- m20251210_090200_create_proposal_tables: downgrade on sqlite
DROP TABLE "ingestion_runs";

DROP TABLE "sources";

DROP TABLE "documents";

DROP TABLE "proposal_templates";
