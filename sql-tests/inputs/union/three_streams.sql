-- Pins a union of three streams: widening across all branches (INT, BIGINT and DOUBLE give DOUBLE; INT and BIGINT give BIGINT), names from the first SELECT, EMIT APPEND after the last SELECT applying to the whole union, and a query running only when one of its own inputs got rows.
CREATE SOURCE s1 (k STRING, x INT);
CREATE SOURCE s2 (k STRING, x BIGINT);
CREATE SOURCE s3 (name STRING, amount DOUBLE);
CREATE QUERY merged AS
  SELECT k AS key, x AS val FROM s1
  UNION ALL
  SELECT k, x FROM s2
  UNION ALL
  SELECT name, amount FROM s3
  EMIT APPEND;
CREATE QUERY ints AS SELECT x FROM s1 UNION ALL SELECT x FROM s2;
INSERT INTO s1 VALUES ('a', 1), ('b', -2);
INSERT INTO s2 VALUES ('c', 3000000000);
INSERT INTO s3 VALUES ('d', 0.5);
TRIGGER;
INSERT INTO s3 VALUES ('e', 2.25);
INSERT INTO s1 VALUES ('f', 4);
TRIGGER;
-- ints does not read s3: it runs no batch and prints nothing
INSERT INTO s3 VALUES ('g', 1.75);
TRIGGER;
SELECT * FROM merged ORDER BY val;
