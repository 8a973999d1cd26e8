-- Pins the errors of unions: different column counts and incompatible types are TYPE_MISMATCH (streaming and batch); a stream with a table, ORDER BY after the last SELECT of a non-aggregate streaming union, and an APPEND aggregation over a union without any watermark are UNSUPPORTED_STREAMING_OPERATION; failed queries never run.
CREATE SOURCE a (v BIGINT, name STRING, ts TIMESTAMP);
CREATE SOURCE b (v INT, name STRING, ts TIMESTAMP);
CREATE TABLE t (v BIGINT, name STRING, ts TIMESTAMP);
CREATE QUERY q1 AS SELECT v, name FROM a UNION ALL SELECT v FROM b;
CREATE QUERY q2 AS SELECT v, name FROM a UNION ALL SELECT name, v FROM b;
CREATE QUERY q3 AS SELECT v, name FROM a UNION ALL SELECT v, name FROM t;
CREATE QUERY q6 AS SELECT v, name FROM a UNION ALL SELECT v, name FROM b ORDER BY v;
CREATE QUERY q7 AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts FROM a UNION ALL SELECT ts FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
SELECT v FROM t UNION ALL SELECT name FROM t;
SELECT v, name FROM t UNION SELECT v FROM t;
CREATE QUERY ok AS SELECT v, name FROM a UNION ALL SELECT v, name FROM b;
SHOW QUERIES;
INSERT INTO a VALUES (1, 'x', '2024-05-01 10:00:00');
INSERT INTO b VALUES (2, 'y', '2024-05-01 10:00:01');
TRIGGER;
