-- m20251210_090100_add_opportunity_variants: downgrade on mysql
ALTER TABLE `funding_opportunities` DROP COLUMN `variants`;
