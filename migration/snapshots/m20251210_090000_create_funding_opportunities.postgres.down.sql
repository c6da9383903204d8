-- m20251210_090000_create_funding_opportunities: downgrade on postgres
DROP TABLE "funding_opportunities";

DROP TYPE "statusenum";
