-- A UNION ALL of the same windowed aggregation twice: the planner runs it once (a shared subplan), so every window
-- comes out twice and each late row is dropped in one place, which late_rows then allows. Watermark 0 s.
-- batch 0 reads :01 and :15; watermark :15; no-data batch 1 closes [:00, :10) with 1 row (twice). batch 2: :02 is late
-- for [:00, :10) (end :10 <= :15), kept once in q_late; :25 moves the watermark to :25; batch 3 closes [:10, :20).
CREATE SOURCE s (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT ws, n FROM (SELECT window.start AS ws, count(*) AS n FROM s GROUP BY window(ts, '10 seconds')
  UNION ALL SELECT window.start AS ws, count(*) AS n FROM s GROUP BY window(ts, '10 seconds'));
INSERT INTO s VALUES (1, '2024-01-01 00:00:01'), (2, '2024-01-01 00:00:15');
TRIGGER;
INSERT INTO s VALUES (3, '2024-01-01 00:00:02'), (4, '2024-01-01 00:00:25');
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_late;
