-- lindia-db at its branch head 2f2b503de8e1: 4d6abf4eecda plus uploads and its own documents.
-- include: parts/lindia_tables.sql
-- include: parts/lindia_indexes.sql
-- include: parts/lindia_rows.sql
-- include: parts/lindia_branch.sql
-- include: parts/alembic_version.sql
INSERT INTO alembic_version (version_num) VALUES ('2f2b503de8e1');
