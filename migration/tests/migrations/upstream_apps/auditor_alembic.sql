-- The auditor migrated by its Alembic to 001.
-- include: parts/auditor_tables.sql
-- include: parts/auditor_rows.sql
-- include: parts/alembic_version.sql
INSERT INTO alembic_version (version_num) VALUES ('001');
