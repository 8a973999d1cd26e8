-- Pins an INNER JOIN of a stream (source) with a table: one row per (stream row, matching table row) pair, so a stream row matching several table rows emits several rows and one matching none emits nothing; NULL keys never match (not even a NULL in the table); default APPEND; a batch whose rows all fail to match still prints its header; a TRIGGER without new stream input runs no batch; the result table accumulates every emitted row.
CREATE SOURCE clicks (user_id INT, page STRING, ts TIMESTAMP);
CREATE TABLE users (id INT, name STRING);
-- id 2 is in the table twice; the table also has a NULL id
INSERT INTO users VALUES (1, 'ada'), (2, 'alan'), (2, 'turing'), (3, 'grace'), (NULL, 'nobody');
CREATE QUERY q AS SELECT c.page, u.name FROM clicks c JOIN users u ON c.user_id = u.id;
SHOW QUERIES;
-- 1 matches once, 2 matches twice, 9 matches nothing, NULL matches nothing
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (2, 'cart', '2024-05-01 10:00:01'), (9, 'help', '2024-05-01 10:00:02'), (NULL, 'search', '2024-05-01 10:00:03');
TRIGGER;
-- no click of this batch matches: the header is still printed
INSERT INTO clicks VALUES (7, 'home', '2024-05-01 10:00:04'), (NULL, 'cart', '2024-05-01 10:00:05');
TRIGGER;
TRIGGER;
INSERT INTO clicks VALUES (3, 'home', '2024-05-01 10:00:06'), (2, 'home', '2024-05-01 10:00:07'), (1, 'home', '2024-05-01 10:00:08');
TRIGGER;
SELECT * FROM q;
