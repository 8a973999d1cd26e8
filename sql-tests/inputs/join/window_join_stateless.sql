-- Window joins keep no state: two APPEND aggregations emit a window once, in the batch whose watermark reaches its
-- end, so when the join requires equal ends (q1: 10-second windows of a against 20-second windows of b) both rows of
-- a pair arrive in the same batch and EXPLAIN shows a stateless join. Equal starts of windows of different sizes (q2)
-- meet in different batches ([:00, :10) closes at :10, [:00, :20) at :20): that join buffers, and still finds them.
-- Watermarks 0 s; the query's is the smaller of the two sources'.
-- batch 0: a p :01, p :12; b p :05, p :15. Watermark after: min(:12, :15) = :12.
-- no-data batch 1 (:12) closes x [:00, :10) p n 1; no y window ends by :12. q1 emits nothing (no y window ends at
--   :10 or ever will: y's end at :20, :40, ...); q2 keeps x (p, :00). q1 restarts here: it had nothing to keep.
-- batch 2: a p :25; b p :26. Watermark after: :25. No-data batch 3 closes x [:10, :20) p n 1 and y [:00, :20) p m 2:
--   q1 joins them on the end :20 -> (p, :10, 1, 2); q2 joins y (p, :00) with the x row it kept -> (p, :00, 1, 2).
-- batch 4: a p :45; b p :46. Watermark after: :45. No-data batch 5 closes x [:20, :30) p n 1 and y [:20, :40) p m 1:
--   ends :30 and :40 differ, q1 emits nothing; q2 joins on the start :20 -> (p, :20, 1, 1).
CREATE SOURCE a (k STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE b (k STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY q1 AS
  SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, window.start AS ws, window.end AS we, count(*) AS n FROM a GROUP BY window(ts, '10 seconds'), k) x
  JOIN (SELECT k, window.start AS ws, window.end AS we, count(*) AS m FROM b GROUP BY window(ts, '20 seconds'), k) y
  ON x.k = y.k AND x.we = y.we;
CREATE QUERY q2 AS
  SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, window.start AS ws, count(*) AS n FROM a GROUP BY window(ts, '10 seconds'), k) x
  JOIN (SELECT k, window.start AS ws, count(*) AS m FROM b GROUP BY window(ts, '20 seconds'), k) y
  ON x.k = y.k AND x.ws = y.ws;
INSERT INTO a VALUES ('p', '2024-01-01 00:00:01'), ('p', '2024-01-01 00:00:12');
INSERT INTO b VALUES ('p', '2024-01-01 00:00:05'), ('p', '2024-01-01 00:00:15');
TRIGGER;
RESTART q1;
INSERT INTO a VALUES ('p', '2024-01-01 00:00:25');
INSERT INTO b VALUES ('p', '2024-01-01 00:00:26');
TRIGGER;
INSERT INTO a VALUES ('p', '2024-01-01 00:00:45');
INSERT INTO b VALUES ('p', '2024-01-01 00:00:46');
TRIGGER;
SELECT * FROM q1;
SELECT * FROM q2 ORDER BY ws;
EXPLAIN SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, window.start AS ws, window.end AS we, count(*) AS n FROM a GROUP BY window(ts, '10 seconds'), k) x
  JOIN (SELECT k, window.start AS ws, window.end AS we, count(*) AS m FROM b GROUP BY window(ts, '20 seconds'), k) y
  ON x.k = y.k AND x.we = y.we;
EXPLAIN SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, window.start AS ws, count(*) AS n FROM a GROUP BY window(ts, '10 seconds'), k) x
  JOIN (SELECT k, window.start AS ws, count(*) AS m FROM b GROUP BY window(ts, '20 seconds'), k) y
  ON x.k = y.k AND x.ws = y.ws;
