-- A query that outputs a column twice (a number, a string, a window bound, an aggregate) keeps every copy intact in
-- its result table and its state across RESTART: the checkpoint writes such batches as they read.
CREATE SOURCE s (x BIGINT, t STRING, d DOUBLE, ts TIMESTAMP);
CREATE QUERY q AS SELECT x, x AS y, t, t AS u, d, d AS e FROM s;
CREATE QUERY w AS SELECT window.start AS ws, window.start AS ws2, t, t AS t2, count(*) AS n, count(*) AS m
  FROM s GROUP BY window(ts, '1 minute'), t WATERMARK ts 0 seconds EMIT UPDATE;
INSERT INTO s VALUES (1, 'a', 0.5, TIMESTAMP '2024-01-01 00:00:10'), (2, 'b', 1.5, TIMESTAMP '2024-01-01 00:00:20');
TRIGGER;
RESTART q;
RESTART w;
SELECT * FROM q;
SELECT * FROM w;
INSERT INTO s VALUES (3, 'a', 2.5, TIMESTAMP '2024-01-01 00:00:30');
TRIGGER;
RESTART q;
RESTART w;
SELECT * FROM q;
SELECT * FROM w;
