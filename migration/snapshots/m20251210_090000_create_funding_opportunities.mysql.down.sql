-- m20251210_090000_create_funding_opportunities: downgrade on mysql
DROP TABLE `funding_opportunities`;
