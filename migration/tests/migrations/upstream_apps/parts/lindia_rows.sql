-- A firm's data in lindia-db: fake bcrypt-format hashes as upstream's fixtures have them,
-- Unicode and emoji, NULLs where the columns allow them, one row left to the server default,
-- one timestamp past 2038 (MariaDB's TIMESTAMP could not hold it).
INSERT INTO users (name, email, password_hash, role, created_at) VALUES
    ('Amit Sharma', 'amit.sharma@legalindia.ai', '$2b$12$dummy_hash_1', 'lawyer', '2025-01-15 09:30:00{utc}'),
    ('Priya Patel', 'priya.patel@legalindia.ai', '$2b$12$dummy_hash_2', 'lawyer', '2025-06-30 23:59:59.123456{utc}'),
    ('Zoë Ñúñez-Ørsted', 'zoe@legalindia.ai', '$2b$12$dummy_hash_3', 'admin', '2025-11-02 01:15:00{utc}');
INSERT INTO users (name, email, password_hash, role) VALUES
    ('राजेश कुमार 🧑‍⚖️', 'rajesh@legalindia.ai', '$2b$12$dummy_hash_4', 'lawyer');
INSERT INTO clients (lawyer_id, name, contact, address, created_at) VALUES
    (1, 'Tech Solutions Pvt Ltd', '+91-9876543210', 'Mumbai, Maharashtra', '2025-02-01 10:00:00{utc}'),
    (2, 'Green Properties LLC', '+91-9876543211', 'Delhi, NCR', '2025-02-02 11:00:00{utc}'),
    (4, 'श्री गणेश ट्रेडर्स 🏪', NULL, NULL, '2025-03-03 12:00:00{utc}');
INSERT INTO cases (client_id, title, status, description, created_at, updated_at) VALUES
    (1, 'Contract Dispute Resolution', 'active', 'Dispute over service level agreement breach', '2025-02-10 08:00:00{utc}', NULL),
    (3, 'Trademark « गणेश » ⚖️', 'pending', NULL, '2025-03-10 08:00:00{utc}', '2025-04-01 16:45:30{utc}'),
    (2, 'Lease renewal', 'closed', 'Closed after settlement — ₹12,00,000', '2025-03-11 09:00:00{utc}', '2025-05-05 05:05:05.5{utc}'),
    (1, 'Lease expiry review', 'pending', 'Review due when the 15-year lease ends', '2025-03-12 09:00:00{utc}', '2040-06-30 12:00:00{utc}');
INSERT INTO property_opinions (client_id, document_url, status, notes, created_at) VALUES
    (2, 'https://storage.example.com/docs/prop_123.pdf', 'pending', 'Initial review requested for land title verification', '2025-02-20 14:00:00{utc}'),
    (3, NULL, 'active', 'भूमि स्वामित्व 🏡', '2025-03-20 14:00:00{utc}');
INSERT INTO research_queries (lawyer_id, query_text, response_text, timestamp) VALUES
    (1, 'Limitation period for breach of contract under the Indian Contract Act', 'Three years (Limitation Act, 1963, Art. 55).', '2025-02-11 10:00:00{utc}'),
    (4, 'धारा 138 चेक बाउंस 💸', NULL, '2025-03-12 10:00:00{utc}');
INSERT INTO junior_logs (lawyer_id, action, context, response, timestamp) VALUES
    (1, 'draft_notice', '{"case": 1}', 'Notice drafted ✅', '2025-02-12 10:00:00{utc}'),
    (2, 'summarise', NULL, NULL, '2025-03-13 10:00:00{utc}');
INSERT INTO inference_logs (query_id, model_used, tokens, cost, response_hash, timestamp) VALUES
    (1, 'gpt-4o', 1536, 0.0234375, 'a3f5c1', '2025-02-11 10:00:01{utc}'),
    (2, NULL, NULL, NULL, NULL, '2025-03-12 10:00:02{utc}');
