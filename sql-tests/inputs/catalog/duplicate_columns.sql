-- A column name given twice in CREATE TABLE, CREATE SOURCE or an INSERT column list is an error, as in Spark (no
-- query could tell the two apart); names compare without regard to case unless double-quoted.
CREATE TABLE dup (a INT, A STRING);
CREATE SOURCE dups (ts TIMESTAMP, b INT, TS TIMESTAMP);
CREATE TABLE quoted ("a" INT, "A" STRING);
DESCRIBE quoted;
CREATE TABLE t (a INT, b STRING);
INSERT INTO t (a, b, A) VALUES (1, 'x', 2);
INSERT INTO t (b, a) VALUES ('y', 3);
SELECT * FROM t;
SHOW TABLES;
