-- m20251210_090100_add_opportunity_variants: upgrade on sqlite
ALTER TABLE "funding_opportunities" ADD COLUMN "variants" jsonb_text NOT NULL DEFAULT '[]';
