-- Pins a tumbling-window APPEND aggregation over a UNION ALL subquery with a WATERMARK clause: one watermark over the rows of both inputs (max event time on either - delay), so a row of one input can make a row of the other late; a window is emitted in the no-data batch after the data batch that advanced the watermark past its end.
CREATE SOURCE a (v BIGINT, ts TIMESTAMP);
CREATE SOURCE b (v INT, ts TIMESTAMP);
CREATE QUERY q AS
  SELECT window.start AS ws, count(*) AS n, sum(v) AS total
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  WATERMARK ts 5 seconds
  EMIT APPEND;
INSERT INTO a VALUES (1, '2024-05-01 10:00:01'), (2, '2024-05-01 10:00:04');
INSERT INTO b VALUES (10, '2024-05-01 10:00:08');
TRIGGER;
-- only b has rows; its 10:00:17 moves the watermark to 10:00:12, which closes [10:00:00, 10:00:10)
INSERT INTO b VALUES (20, '2024-05-01 10:00:17');
TRIGGER;
-- a's 10:00:09 is late (window end 10:00:10 <= 10:00:12, set by b's row); a's 10:00:12 is not (window end 10:00:20); max 10:00:14 < 10:00:17: no no-data batch
INSERT INTO a VALUES (3, '2024-05-01 10:00:09'), (4, '2024-05-01 10:00:12');
INSERT INTO b VALUES (30, '2024-05-01 10:00:14');
TRIGGER;
INSERT INTO a VALUES (5, '2024-05-01 10:00:26');
TRIGGER;
SELECT * FROM q ORDER BY ws;
