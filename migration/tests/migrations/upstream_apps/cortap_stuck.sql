-- CORTAP state (a): migrated to 989ceebf408f, ingested, and stuck there (its next
-- `upgrade head` fails because create_all already made the later tables).
-- include: parts/cortap_sections.sql
-- include: parts/cortap_unused.sql
-- include: parts/cortap_ingest.sql
-- include: parts/cortap_later.sql
-- include: parts/cortap_rows.sql
-- include: parts/cortap_unused_rows.sql
-- include: parts/alembic_version.sql
INSERT INTO alembic_version (version_num) VALUES ('989ceebf408f');
