-- CORTAP state (b): `upgrade head` first (9dc402e9cbef, the deploy command), then ingested.
-- include: parts/cortap_sections.sql
-- include: parts/cortap_unused.sql
-- include: parts/cortap_later.sql
-- include: parts/cortap_ingest.sql
-- include: parts/cortap_rows.sql
-- include: parts/cortap_volume.sql
-- include: parts/cortap_unused_rows.sql
-- include: parts/alembic_version.sql
INSERT INTO alembic_version (version_num) VALUES ('9dc402e9cbef');
