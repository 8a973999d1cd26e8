-- A windowed aggregation over an inner join of two streams (chained stateful operators, APPEND by default). The join
-- keeps an impression until no click can match it (its <= watermark - 10 s), so a joined row can carry an `its` up to
-- 10 s behind the watermark: the aggregation's windows close 10 s later (end <= watermark - 10 s) and a row is late
-- only when its window ended 10 s before the previous batch's watermark (Spark lowers a join's output watermark by
-- its range the same way). Watermarks: 0 s on both sources; the query's is the minimum of the two.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts);
CREATE QUERY q AS
  SELECT window.start AS ws, count(*) AS n
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  GROUP BY window(i.its, '10 seconds');
-- batch 0, watermark none: imp 1 :01 matches clk 1 :05, window [:00, :10) counts 1. Watermark min(:03, :05) = :03;
-- no-data batch 1 closes nothing (windows end <= :03 - 10 s).
INSERT INTO imp VALUES (1, TIMESTAMP '2024-01-01 00:00:01'), (2, TIMESTAMP '2024-01-01 00:00:03');
INSERT INTO clk VALUES (1, TIMESTAMP '2024-01-01 00:00:05');
TRIGGER;
-- batch 2, watermark :03: clk 2 :11 matches imp 2 :03 (buffered), window [:00, :10) counts 2; clk 3 :25 is 13 s
-- after imp 3 :12, out of range. Watermark :12; no-data batch 3 still closes nothing (end <= :02).
INSERT INTO imp VALUES (3, TIMESTAMP '2024-01-01 00:00:12');
INSERT INTO clk VALUES (2, TIMESTAMP '2024-01-01 00:00:11'), (3, TIMESTAMP '2024-01-01 00:00:25');
TRIGGER;
-- batch 4, watermark :12: imp 4 :40 matches clk 4 :45; imp 5 :05 and clk 5 :06 are late (<= :12) and dropped by the
-- join; clk 3 :20 matches imp 3 :12, buffered: the joined row's its (:12) is at the watermark, yet its window
-- [:10, :20) ends after :12 - 10 s, so it counts. Watermark :40; no-data batch 5 closes windows ending <= :30:
-- [:00, :10) with 2 and [:10, :20) with 1.
INSERT INTO imp VALUES (4, TIMESTAMP '2024-01-01 00:00:40'), (5, TIMESTAMP '2024-01-01 00:00:05');
INSERT INTO clk VALUES (4, TIMESTAMP '2024-01-01 00:00:45'), (5, TIMESTAMP '2024-01-01 00:00:06'), (3, TIMESTAMP '2024-01-01 00:00:20');
TRIGGER;
SELECT * FROM q;
-- The join's buffered rows, the aggregation's open window [:40, :50) and the watermark survive a restart.
RESTART q;
-- batch 6, watermark :40: imp 6 1:20 matches clk 6 1:25. Watermark 1:20; no-data batch 7 closes [:40, :50) with 1.
INSERT INTO imp VALUES (6, TIMESTAMP '2024-01-01 00:01:20');
INSERT INTO clk VALUES (6, TIMESTAMP '2024-01-01 00:01:25');
TRIGGER;
SELECT * FROM q;
-- Only APPEND: the join's rows are final, the aggregation's are not.
CREATE QUERY bad AS
  SELECT window.start AS ws, count(*) AS n
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  GROUP BY window(i.its, '10 seconds') EMIT UPDATE;
-- A window over a time the join does not bound: a joined row could be arbitrarily late in it.
CREATE SOURCE imp2 (ad BIGINT, its TIMESTAMP, shown TIMESTAMP, WATERMARK FOR shown AS shown);
CREATE QUERY bad AS
  SELECT window.start AS ws, count(*) AS n
  FROM imp2 i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  GROUP BY window(i.shown, '10 seconds');
