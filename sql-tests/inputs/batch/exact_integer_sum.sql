-- sum over INT and BIGINT is exact, as Spark's long sums are: a partial sum may pass 2^53 (where float64 stops
-- counting by ones) and come back, and the result is still exact. avg stays a float64 mean, as in Spark.
CREATE TABLE t (g STRING, b BIGINT, i INT);
INSERT INTO t VALUES ('a', 9007199254740991, 2147483647), ('a', 2, 2147483647), ('a', -9007199254740991, 1),
  ('b', 9007199254740991, NULL), ('b', 9007199254740991, NULL), ('b', -9007199254740991, NULL), ('b', -9007199254740990, NULL),
  ('c', NULL, NULL);
SELECT g, sum(b) AS s, sum(i) AS si, count(b) AS n FROM t GROUP BY g ORDER BY g;
SELECT sum(b) AS s FROM t;
-- Streaming, with the state checkpointed and restored while the running sum is past 2^53.
CREATE SOURCE e (g STRING, b BIGINT);
CREATE QUERY q AS SELECT g, sum(b) AS s FROM e GROUP BY g EMIT COMPLETE;
INSERT INTO e VALUES ('a', 9007199254740991), ('a', 9007199254740991);
TRIGGER;
RESTART q;
INSERT INTO e VALUES ('a', -9007199254740991), ('a', -9007199254740990);
TRIGGER;
