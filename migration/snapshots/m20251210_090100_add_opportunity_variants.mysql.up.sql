-- m20251210_090100_add_opportunity_variants: upgrade on mysql
ALTER TABLE `funding_opportunities` ADD COLUMN `variants` json NOT NULL DEFAULT '[]';
