-- m20260102_000000_create_api_tokens: downgrade on mysql
DROP TABLE `api_tokens`;
