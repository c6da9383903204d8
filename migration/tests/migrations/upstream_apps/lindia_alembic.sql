-- lindia-db upgraded by its own Alembic to 4d6abf4eecda, with a firm's rows.
-- include: parts/lindia_tables.sql
-- include: parts/lindia_indexes.sql
-- include: parts/lindia_rows.sql
-- include: parts/alembic_version.sql
INSERT INTO alembic_version (version_num) VALUES ('4d6abf4eecda');
