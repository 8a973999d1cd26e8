-- A table holds the rows INSERT adds and takes no WITH options: an option is refused (before, it was accepted and
-- ignored), and the table is not created. Without options the same statement works.
CREATE TABLE users (id BIGINT, name STRING) WITH (connector = 'files');
SHOW TABLES;
CREATE TABLE users (id BIGINT, name STRING);
INSERT INTO users VALUES (1, 'a');
SELECT * FROM users;
