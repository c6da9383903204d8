-- ReqAgent on SQLite or MariaDB: its 0001 fails on `CREATE TYPE` (a syntax error there) and
-- its start-up create_all then fails on JSONB and length-less VARCHAR, after making only
-- security_events. An empty alembic_version and an empty security_events are all there is.
-- backends: sqlite mariadb
-- include: parts/alembic_version.sql
CREATE TABLE security_events (
    {id},
    event_type VARCHAR(50) NOT NULL,
    username VARCHAR(100),
    ip_address VARCHAR(45),
    details {json},
    created_at {tstz} DEFAULT {now},
    PRIMARY KEY (id)
) {options};
