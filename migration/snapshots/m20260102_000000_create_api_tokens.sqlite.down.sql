-- m20260102_000000_create_api_tokens: downgrade on sqlite
DROP TABLE "api_tokens";
