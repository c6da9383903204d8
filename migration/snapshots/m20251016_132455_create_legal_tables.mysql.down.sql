-- m20251016_132455_create_legal_tables: downgrade on mysql
DROP TABLE `inference_logs`;

DROP TABLE `junior_logs`;

DROP TABLE `research_queries`;

DROP TABLE `property_opinions`;

DROP TABLE `cases`;

DROP TABLE `clients`;

DROP TABLE `users`;
