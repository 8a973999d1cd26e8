-- late_rows on a windowed aggregation over a stream–stream join (the data of stream_stream_then_window.sql): two
-- operators drop late rows, the aggregation (`aggregate 4`, deciding by window end) and the join (`join 1`, by each
-- row's event time). The aggregation's input is the joined row, named as the join's late rows are (ad_left, its,
-- ad_right, cts), so both share those columns; the join's rows have the other side NULL. The aggregation judges
-- lateness by the previous batch's watermark less the join's 10 s range, so it drops nothing the join emits: the
-- late rows are the join's. Watermarks: 0 s on both sources; the query's is the minimum of the two.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts);
EXPLAIN CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT window.start AS ws, count(*) AS n
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  GROUP BY window(i.its, '10 seconds');
CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT window.start AS ws, count(*) AS n
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  GROUP BY window(i.its, '10 seconds');
DESCRIBE q_late;
-- batch 0, watermark none: imp 1 :01 matches clk 1 :05. Watermark min(:03, :05) = :03; no-data batch 1.
INSERT INTO imp VALUES (1, TIMESTAMP '2024-01-01 00:00:01'), (2, TIMESTAMP '2024-01-01 00:00:03');
INSERT INTO clk VALUES (1, TIMESTAMP '2024-01-01 00:00:05');
TRIGGER;
-- batch 2, watermark :03: clk 2 :11 matches imp 2 :03. Watermark :12; no-data batch 3.
INSERT INTO imp VALUES (3, TIMESTAMP '2024-01-01 00:00:12');
INSERT INTO clk VALUES (2, TIMESTAMP '2024-01-01 00:00:11'), (3, TIMESTAMP '2024-01-01 00:00:25');
TRIGGER;
-- batch 4, watermark :12: imp 5 :05 and clk 5 :06 are late (<= :12): the join drops them, one row each in the
-- late-row table. Watermark :40; no-data batch 5 closes [:00, :10) with 2 and [:10, :20) with 1.
INSERT INTO imp VALUES (4, TIMESTAMP '2024-01-01 00:00:40'), (5, TIMESTAMP '2024-01-01 00:00:05');
INSERT INTO clk VALUES (4, TIMESTAMP '2024-01-01 00:00:45'), (5, TIMESTAMP '2024-01-01 00:00:06'), (3, TIMESTAMP '2024-01-01 00:00:20');
TRIGGER;
SELECT * FROM q_late;
-- The late-row table is re-read from the checkpoint, and grows from there.
RESTART q;
SELECT * FROM q_late;
-- batch 6, watermark :40: imp 7 :30 and clk 7 :35 are late; imp 6 1:20 matches clk 6 1:25. Watermark 1:20; no-data
-- batch 7 closes [:40, :50) with 1.
INSERT INTO imp VALUES (6, TIMESTAMP '2024-01-01 00:01:20'), (7, TIMESTAMP '2024-01-01 00:00:30');
INSERT INTO clk VALUES (6, TIMESTAMP '2024-01-01 00:01:25'), (7, TIMESTAMP '2024-01-01 00:00:35');
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_late;
SELECT _operator, _batch, ad_left, ad_right, _event_time FROM q_late WHERE _batch = 6;
