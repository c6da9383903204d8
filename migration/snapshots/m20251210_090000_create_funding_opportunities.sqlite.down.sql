-- m20251210_090000_create_funding_opportunities: downgrade on sqlite
DROP TABLE "funding_opportunities";
