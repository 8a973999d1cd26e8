-- late_rows on a chain (SELECT DISTINCT feeding a tumbling window): the late-row table has a row per dropped row from
-- whichever operator dropped it. `_operator` names it as EXPLAIN does (`deduplicate 2`, `aggregate 3`); the columns
-- are both operators' input columns (the same u and ts here, so one column each), then _batch, _watermark, and
-- _window_end (the aggregation decides by window end) and _event_time (the DISTINCT by ts), NULL where they do not
-- apply. The aggregation judges lateness by the previous batch's watermark, so it never drops what the DISTINCT
-- emits: every late row here comes from the DISTINCT. Watermark delay 2 s.
CREATE SOURCE e (u STRING, ts TIMESTAMP);
EXPLAIN CREATE QUERY dw WITH (late_rows = 'dw_late') AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT DISTINCT u, ts FROM e WATERMARK ts 2 seconds)
  GROUP BY window(ts, '10 seconds') EMIT APPEND;
CREATE QUERY dw WITH (late_rows = 'dw_late') AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT DISTINCT u, ts FROM e WATERMARK ts 2 seconds)
  GROUP BY window(ts, '10 seconds') EMIT APPEND;
DESCRIBE dw_late;
-- A windowed aggregation over the window.end of another (5 s windows into 20 s ones): both decide by window end, so
-- the table has _window_end and no _event_time; the outer one reads (we, u, n), the inner one (u, ts), u shared.
CREATE QUERY ww WITH (late_rows = 'ww_late') AS
  SELECT window.start AS ws, sum(n) AS total
  FROM (SELECT window.end AS we, u, count(*) AS n FROM e GROUP BY window(ts, '5 seconds'), u WATERMARK ts 2 seconds)
  GROUP BY window(we, '20 seconds') EMIT APPEND;
DESCRIBE ww_late;
-- batch 0, watermark none: nothing is late; the DISTINCT passes (a, :01), (b, :03), (a, :06) (the second (a, :01) is
-- a duplicate), [:00, :10) counts 3. Watermark :06 - 2 s = :04; no-data batch 1 closes nothing.
INSERT INTO e VALUES ('a', '2024-01-01 00:00:01'), ('a', '2024-01-01 00:00:01'), ('b', '2024-01-01 00:00:03'), ('a', '2024-01-01 00:00:06');
TRIGGER;
-- batch 2, watermark :04: (a, :03) and (c, :04) are late for the DISTINCT (ts <= :04, non-strict) and dropped;
-- (a, :06) is a duplicate (not late); (b, :12) is new: [:10, :20) counts 1. Watermark :10; no-data batch 3 emits
-- [:00, :10) with 3. ww: (a, :03) and (c, :04) are not late for 5 s windows ([:00, :05) ends after :04); batch 3
-- closes [:00, :05) (a 3, b 1, c 1) and [:05, :10) (a 2), which go into the outer [:00, :20).
INSERT INTO e VALUES ('a', '2024-01-01 00:00:03'), ('c', '2024-01-01 00:00:04'), ('a', '2024-01-01 00:00:06'), ('b', '2024-01-01 00:00:12');
TRIGGER;
SELECT * FROM dw_late;
-- The late-row table is re-read from the checkpoint.
RESTART dw;
SELECT * FROM dw_late;
-- batch 4, watermark :10: (d, :09) is late; (e, :15) and (f, :25) are new: [:10, :20) counts 2, [:20, :30) 1.
-- Watermark :23; no-data batch 5 emits [:10, :20) with 2. ww: (d, :09) is late for the inner window [:05, :10)
-- (ended at :10); batch 5 closes the inner [:10, :15) (b 1) and [:15, :20) (e 1, window.end :20), then the outer
-- [:00, :20) with 3 + 1 + 1 + 2 + 1 = 8.
INSERT INTO e VALUES ('d', '2024-01-01 00:00:09'), ('e', '2024-01-01 00:00:15'), ('f', '2024-01-01 00:00:25');
TRIGGER;
SELECT * FROM dw;
SELECT * FROM dw_late;
SELECT _operator, count(*) AS n FROM dw_late GROUP BY _operator;
SELECT * FROM ww;
SELECT * FROM ww_late;
