-- Aggregations of a table on the table side of a stream–table join are batch plans the join runs each micro-batch
-- (not stateful streaming operators, so no chain rules apply), and they see the table as it is then. The planner
-- shares identical subplans, but never ones that differ only in an infinite, NaN or negative-zero constant.
-- g, batch 0: max(v) per k is a 2, b 5; the stream has two a rows and one b: m 2 counts 2, m 5 counts 1 (UPDATE).
-- h: x gives max(v) per k, y min(v) per k (a 1, b 5) joined on s.n: (a, 5) meets y's b, (b, 9) nothing, (a, 1) y's a.
-- batch 1: t gains (a, 7): a's max is now 7, its min still 1; the new row (a, 1) gets m 7; g's m 7 counts 1.
CREATE TABLE t (k STRING, v BIGINT);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 5);
CREATE SOURCE s (k STRING, n BIGINT);
CREATE QUERY g AS SELECT x.m, count(*) AS c FROM s JOIN (SELECT k, max(v) AS m FROM t GROUP BY k) x ON s.k = x.k GROUP BY x.m;
CREATE QUERY h AS SELECT s.k, s.n, x.m, y.k AS yk FROM s JOIN (SELECT k, max(v) AS m FROM t GROUP BY k) x ON s.k = x.k LEFT JOIN (SELECT k, min(v) AS m FROM t GROUP BY k) y ON s.n = y.m;
INSERT INTO s VALUES ('a', 5), ('b', 9), ('a', 1);
TRIGGER;
INSERT INTO t VALUES ('a', 7);
INSERT INTO s VALUES ('a', 1);
TRIGGER;
SELECT * FROM g;
SELECT * FROM h;
CREATE TABLE u (k STRING, v DOUBLE);
INSERT INTO u VALUES ('a', 1.0), ('b', -2.0);
SELECT k FROM u WHERE v < 1.0 / 0.0 UNION ALL SELECT k FROM u WHERE v < -1.0 / 0.0;
SELECT k, v / -0.0 AS d FROM u UNION ALL SELECT k, v / 0.0 AS d FROM u;
