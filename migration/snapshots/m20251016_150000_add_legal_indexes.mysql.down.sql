-- m20251016_150000_add_legal_indexes: downgrade on mysql
ALTER TABLE `junior_logs` DROP FOREIGN KEY `fk_junior_logs_lawyer_id`, DROP INDEX `ix_junior_logs_lawyer_id`;

ALTER TABLE `junior_logs` ADD CONSTRAINT `fk_junior_logs_lawyer_id` FOREIGN KEY (`lawyer_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;

ALTER TABLE `research_queries` DROP FOREIGN KEY `fk_research_queries_lawyer_id`, DROP INDEX `ix_research_queries_lawyer_id`;

ALTER TABLE `research_queries` ADD CONSTRAINT `fk_research_queries_lawyer_id` FOREIGN KEY (`lawyer_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;

ALTER TABLE `property_opinions` DROP FOREIGN KEY `fk_property_opinions_client_id`, DROP INDEX `ix_property_opinions_client_id`;

ALTER TABLE `property_opinions` ADD CONSTRAINT `fk_property_opinions_client_id` FOREIGN KEY (`client_id`) REFERENCES `clients` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;

ALTER TABLE `inference_logs` DROP FOREIGN KEY `fk_inference_logs_query_id`, DROP INDEX `ix_inference_logs_query_id`;

ALTER TABLE `inference_logs` ADD CONSTRAINT `fk_inference_logs_query_id` FOREIGN KEY (`query_id`) REFERENCES `research_queries` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;

ALTER TABLE `cases` DROP FOREIGN KEY `fk_cases_client_id`, DROP INDEX `ix_cases_client_id`;

ALTER TABLE `cases` ADD CONSTRAINT `fk_cases_client_id` FOREIGN KEY (`client_id`) REFERENCES `clients` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;

ALTER TABLE `clients` DROP FOREIGN KEY `fk_clients_lawyer_id`, DROP INDEX `ix_clients_lawyer_id`;

ALTER TABLE `clients` ADD CONSTRAINT `fk_clients_lawyer_id` FOREIGN KEY (`lawyer_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;
