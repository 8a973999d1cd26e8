-- Join keys may be any equality of an expression over one side with one over the other (as Spark's equi-join keys):
-- an INT key equal to a BIGINT key (bound as CAST(l.k AS BIGINT) = r.k), l.k + 1 = r.k, lower(l.s) = lower(r.s).
-- NULL keys match nothing. Stream–table and batch joins take the same keys.
-- batch 0: q_cast joins 1 with 1; q_expr 2 (2 + 1) with 3; q_str 'A' with 'a' and 'b' with 'B'. Watermark :00.
-- batch 2: 9 joins 9 in q_cast and q_str. Watermark :30; no-data batch 3 pads q_str's NULL-keyed left row.
CREATE SOURCE l (k INT, s STRING, lt TIMESTAMP, WATERMARK FOR lt AS lt);
CREATE SOURCE r (k BIGINT, s STRING, rt TIMESTAMP, WATERMARK FOR rt AS rt);
CREATE TABLE dim (k BIGINT, name STRING);
CREATE TABLE ti (k INT, v STRING);
INSERT INTO dim VALUES (1, 'one'), (2, 'two'), (NULL, 'none');
INSERT INTO ti VALUES (1, 'x'), (3, 'y'), (NULL, 'n');
CREATE QUERY q_cast AS SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND;
CREATE QUERY q_expr AS SELECT l.k, r.k AS rk, r.rt FROM l JOIN r ON l.k + 1 = r.k AND r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND;
CREATE QUERY q_str AS SELECT l.s AS ls, r.s AS rs, r.rt FROM l LEFT JOIN r ON lower(l.s) = lower(r.s) AND r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND;
CREATE QUERY q_table AS SELECT l.k, dim.name FROM l LEFT JOIN dim ON l.k = dim.k;
EXPLAIN SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND;
INSERT INTO l VALUES (1, 'A', '2024-01-01 00:00:00'), (2, 'b', '2024-01-01 00:00:00'), (NULL, NULL, '2024-01-01 00:00:00');
INSERT INTO r VALUES (1, 'a', '2024-01-01 00:00:03'), (3, 'B', '2024-01-01 00:00:04'), (NULL, NULL, '2024-01-01 00:00:02');
TRIGGER;
INSERT INTO l VALUES (9, 'z', '2024-01-01 00:00:30');
INSERT INTO r VALUES (9, 'z', '2024-01-01 00:00:30');
TRIGGER;
SELECT ti.v, dim.name FROM ti JOIN dim ON ti.k = dim.k;
SELECT ti.v, dim.name FROM ti LEFT JOIN dim ON ti.k + 1 = dim.k;
