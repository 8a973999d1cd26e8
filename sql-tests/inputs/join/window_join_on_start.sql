-- An outer join of two windowed aggregations on the window start alone (no end): a row leaves an aggregation once
-- its window closed (end <= watermark), so its start trails the watermark by at most the window size and bounds the
-- join like the end does. Before, only the end counted as a watermarked time and this LEFT JOIN was refused.
-- Watermarks 0 s; the query's is the smaller of the two sources'.
-- batch 0: a p :01, p :02, q :05; b p :03. Watermark after: min(:05, :03) = :03; no-data batch 1 closes nothing.
-- batch 2: a p :12; b r :15, p :11. Watermark after: min(:12, :15) = :12.
-- no-data batch 3 at :12 closes [:00, :10): x (p, 2), (q, 1); y (p, 1). (p, :00) joins (2, 1). No y row of [:00, :10)
--   can come any more, so x (q, :00) goes padded in the same batch: start :00 <= :12 - 10 s.
-- batch 4: a z :40; b z :41. Watermark after: :40; no-data batch 5 closes [:10, :20): x (p, 1); y (r, 1), (p, 1).
--   (p, :10) joins (1, 1); y (r, :10) has no x row and a LEFT JOIN drops it. [:40, :50) stays open.
CREATE SOURCE a (k STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE b (k STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY q AS
  SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, window.start AS ws, count(*) AS n FROM a GROUP BY window(ts, '10 seconds'), k) x
  LEFT JOIN (SELECT k, window.start AS ws, count(*) AS m FROM b GROUP BY window(ts, '10 seconds'), k) y
  ON x.k = y.k AND x.ws = y.ws;
INSERT INTO a VALUES ('p', '2024-01-01 00:00:01'), ('p', '2024-01-01 00:00:02'), ('q', '2024-01-01 00:00:05');
INSERT INTO b VALUES ('p', '2024-01-01 00:00:03');
TRIGGER;
INSERT INTO a VALUES ('p', '2024-01-01 00:00:12');
INSERT INTO b VALUES ('r', '2024-01-01 00:00:15'), ('p', '2024-01-01 00:00:11');
TRIGGER;
INSERT INTO a VALUES ('z', '2024-01-01 00:00:40');
INSERT INTO b VALUES ('z', '2024-01-01 00:00:41');
TRIGGER;
SELECT * FROM q ORDER BY ws, k;
EXPLAIN SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, window.start AS ws, count(*) AS n FROM a GROUP BY window(ts, '10 seconds'), k) x
  LEFT JOIN (SELECT k, window.start AS ws, count(*) AS m FROM b GROUP BY window(ts, '10 seconds'), k) y
  ON x.k = y.k AND x.ws = y.ws;
