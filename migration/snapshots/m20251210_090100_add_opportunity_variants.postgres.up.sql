-- m20251210_090100_add_opportunity_variants: upgrade on postgres
ALTER TABLE "funding_opportunities" ADD COLUMN "variants" jsonb NOT NULL DEFAULT '[]';
