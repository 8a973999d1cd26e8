-- Pins the unsupported joins of a stream (UNSUPPORTED_STREAMING_OPERATION): FULL OUTER JOIN of a stream with a table (either order), LEFT JOIN with the table on the left and the stream on the right, RIGHT JOIN with the stream on the left and the table on the right, an outer join of two streams without watermarks and a time range; failed queries never run, a valid stream-table join next to them does.
CREATE SOURCE clicks (user_id INT, page STRING, ts TIMESTAMP);
CREATE SOURCE views (user_id INT, page STRING, ts TIMESTAMP);
CREATE TABLE users (id INT, name STRING);
INSERT INTO users VALUES (1, 'ada');
CREATE QUERY q1 AS SELECT c.page, u.name FROM clicks c FULL OUTER JOIN users u ON c.user_id = u.id;
CREATE QUERY q2 AS SELECT c.page, u.name FROM users u FULL JOIN clicks c ON u.id = c.user_id;
CREATE QUERY q3 AS SELECT c.page, u.name FROM users u LEFT JOIN clicks c ON u.id = c.user_id;
CREATE QUERY q4 AS SELECT c.page, u.name FROM clicks c RIGHT OUTER JOIN users u ON c.user_id = u.id;
CREATE QUERY q5 AS SELECT c.page, v.page AS viewed FROM clicks c FULL JOIN views v ON c.user_id = v.user_id;
CREATE QUERY ok AS SELECT c.page, u.name FROM clicks c JOIN users u ON c.user_id = u.id;
SHOW QUERIES;
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (2, 'cart', '2024-05-01 10:00:01');
INSERT INTO views VALUES (1, 'home', '2024-05-01 10:00:00');
TRIGGER;
