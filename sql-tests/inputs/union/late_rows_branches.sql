-- late_rows on a UNION ALL of a windowed aggregation and a SELECT DISTINCT on the event time (two operators that
-- drop late rows, one per branch). A row late for both is kept twice, once per operator: `_operator` tells them
-- apart, and _window_end (the aggregation's reason) or _event_time (the DISTINCT's) is set, the other NULL. Both
-- read e's u and ts, so they share those columns. Watermark delay 2 s on the source.
CREATE SOURCE e (u STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
EXPLAIN CREATE QUERY b WITH (late_rows = 'b_late') AS
  SELECT t, u FROM (SELECT window.start AS t, u FROM e GROUP BY window(ts, '10 seconds'), u
  UNION ALL SELECT DISTINCT ts, u FROM e);
CREATE QUERY b WITH (late_rows = 'b_late') AS
  SELECT t, u FROM (SELECT window.start AS t, u FROM e GROUP BY window(ts, '10 seconds'), u
  UNION ALL SELECT DISTINCT ts, u FROM e);
-- batch 0, watermark none: the DISTINCT emits (:01, a) and (:12, b); the windows [:00, :10) and [:10, :20) open.
-- Watermark :12 - 2 s = :10; no-data batch 1 closes [:00, :10): (:00, a).
INSERT INTO e VALUES ('a', '2024-01-01 00:00:01'), ('b', '2024-01-01 00:00:12');
TRIGGER;
-- batch 2, watermark :10: (c, :05) is late for both: its window ended at :10 and :05 <= :10. (e, :10) is late only
-- for the DISTINCT (:10 <= :10; its window [:10, :20) is open). (d, :11) is late for neither: the DISTINCT emits it.
-- The watermark stays :10: no no-data batch.
INSERT INTO e VALUES ('c', '2024-01-01 00:00:05'), ('d', '2024-01-01 00:00:11'), ('e', '2024-01-01 00:00:10');
TRIGGER;
SELECT * FROM b;
SELECT * FROM b_late;
