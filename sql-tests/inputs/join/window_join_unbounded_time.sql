-- A join of two aggregations on a time the watermark does not bound (max(ts) per window, not window.end): no row of
-- either side is late and none is evicted (EXPLAIN says state grows), so every pair of equal maxima is found; each
-- side emits a window once the watermark passes its end. Watermark 0 s on both sources.
-- batch 0: a 1 :11, b 1 :11; watermark :11. batch 2: :25 on both; watermark :25; no-data batch 3 closes [:10, :20)
-- on both sides: max :11 = :11 joins. batch 4: :45; watermark :45; no-data batch 5 closes [:20, :30): :25 = :25.
CREATE SOURCE a (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE b (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY j AS SELECT x.k, x.mts FROM (SELECT k, max(ts) AS mts FROM a GROUP BY window(ts, '10 seconds'), k) x
  JOIN (SELECT k, max(ts) AS mts FROM b GROUP BY window(ts, '10 seconds'), k) y ON x.k = y.k AND x.mts = y.mts;
INSERT INTO a VALUES (1, '2024-01-01 00:00:11');
INSERT INTO b VALUES (1, '2024-01-01 00:00:11');
TRIGGER;
INSERT INTO a VALUES (2, '2024-01-01 00:00:25');
INSERT INTO b VALUES (2, '2024-01-01 00:00:25');
TRIGGER;
INSERT INTO a VALUES (3, '2024-01-01 00:00:45');
INSERT INTO b VALUES (3, '2024-01-01 00:00:45');
TRIGGER;
SELECT * FROM j;
EXPLAIN SELECT x.k, x.mts FROM (SELECT k, max(ts) AS mts FROM a GROUP BY window(ts, '10 seconds'), k) x
  JOIN (SELECT k, max(ts) AS mts FROM b GROUP BY window(ts, '10 seconds'), k) y ON x.k = y.k AND x.mts = y.mts;
