-- GROUP BY a SELECT alias groups by that item's expression (Spark's spark.sql.groupByAliases): an input column of the
-- same name wins, an alias of an aggregate is refused, and a streaming aggregation takes aliases too.
CREATE TABLE t (g STRING, v INT, ts TIMESTAMP);
INSERT INTO t VALUES ('a', 1, TIMESTAMP '2024-01-01 00:00:10'), ('A', 2, TIMESTAMP '2024-01-01 00:00:20'), ('b', 3, TIMESTAMP '2024-01-01 00:01:10');
SELECT upper(g) AS ug, sum(v) AS s FROM t GROUP BY ug ORDER BY ug;
SELECT g AS v, count(*) AS n FROM t GROUP BY v ORDER BY v;
SELECT sum(v) AS s FROM t GROUP BY s;
SELECT upper(g) AS ug, count(*) AS n FROM t GROUP BY nope;
CREATE SOURCE src (g STRING, ts TIMESTAMP);
CREATE QUERY q AS SELECT lower(g) AS lg, window.start AS ws, count(*) AS n FROM src GROUP BY window(ts, '1 minute'), lg WATERMARK ts 0 seconds;
INSERT INTO src VALUES ('X', TIMESTAMP '2024-01-01 00:00:10'), ('x', TIMESTAMP '2024-01-01 00:00:30'), ('y', TIMESTAMP '2024-01-01 00:01:30');
TRIGGER;
