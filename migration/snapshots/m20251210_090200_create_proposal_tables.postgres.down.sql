-- m20251210_090200_create_proposal_tables: downgrade on postgres
DROP TABLE "ingestion_runs";

DROP TABLE "sources";

DROP TABLE "documents";

DROP TABLE "proposal_templates";

DROP TYPE "sourcetypeenum";

DROP TYPE "ocrstatusenum";

DROP TYPE "documentsourceenum";

DROP TYPE "templatestatusenum";
