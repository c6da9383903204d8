-- lindia-db's branch head 2f2b503de8e1: uploads (enum uploadtab: native on PostgreSQL,
-- VARCHAR(8) on SQLite, inline ENUM on MariaDB) and its own documents table, which has
-- ReqAgent's name and another shape. lexbase manages neither.
--[postgres] CREATE TYPE uploadtab AS ENUM ('research', 'junior', 'property');
CREATE TABLE uploads (
    {id},
    user_id INTEGER NOT NULL,
    client_id INTEGER,
--[postgres]     tab uploadtab NOT NULL,
--[sqlite]     tab VARCHAR(8) NOT NULL,
--[mariadb]     tab ENUM('research','junior','property') NOT NULL,
    filename VARCHAR(255) NOT NULL,
    file_url VARCHAR(1000) NOT NULL,
    uploaded_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    FOREIGN KEY(client_id) REFERENCES clients (id)
) {options};
CREATE INDEX ix_uploads_user_id ON uploads (user_id);
CREATE INDEX ix_uploads_client_id ON uploads (client_id);
CREATE INDEX ix_uploads_tab ON uploads (tab);
CREATE INDEX ix_uploads_uploaded_at ON uploads (uploaded_at);
CREATE TABLE documents (
    {id},
    client_id INTEGER,
    user_id INTEGER NOT NULL,
    module VARCHAR(50) NOT NULL,
    filename VARCHAR(255) NOT NULL,
    file_url VARCHAR(1000) NOT NULL,
    uploaded_at {tstz} DEFAULT {now},
    PRIMARY KEY (id),
    FOREIGN KEY(client_id) REFERENCES clients (id),
    FOREIGN KEY(user_id) REFERENCES users (id)
) {options};
CREATE INDEX ix_documents_client_id ON documents (client_id);
CREATE INDEX ix_documents_user_id ON documents (user_id);
CREATE INDEX ix_documents_module ON documents (module);
CREATE INDEX ix_documents_uploaded_at ON documents (uploaded_at);
INSERT INTO uploads (user_id, client_id, tab, filename, file_url, uploaded_at) VALUES
    (1, 1, 'research', 'précis_📄.pdf', 'https://storage.example.com/u/1', '2025-04-01 09:00:00{utc}'),
    (4, NULL, 'junior', 'नोट्स.docx', 'https://storage.example.com/u/2', '2025-04-02 09:00:00{utc}');
INSERT INTO documents (client_id, user_id, module, filename, file_url, uploaded_at) VALUES
    (2, 2, 'property', 'title_deed_🏠.pdf', 'https://storage.example.com/d/1', '2025-04-03 09:00:00{utc}'),
    (NULL, 3, 'research', 'Zoë memo.txt', 'https://storage.example.com/d/2', '2025-04-04 09:00:00{utc}');
