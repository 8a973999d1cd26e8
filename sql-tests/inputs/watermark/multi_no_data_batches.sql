-- Pins no-data batches with several watermarks: one runs after a data batch that advanced the combined (min) watermark, whichever input raised it; none when only a non-minimum input's candidate rose; none in COMPLETE mode (its header still shows the tracked watermark).
CREATE SOURCE a (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE b (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE QUERY upd AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT UPDATE;
CREATE QUERY totals AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT COMPLETE;
-- candidates a 09:59:58, b 10:00:01: watermark 09:59:58
INSERT INTO a VALUES (1, '2024-05-01 10:00:03');
INSERT INTO b VALUES (2, '2024-05-01 10:00:06');
TRIGGER;
-- b's candidate rises to 10:00:25 but a (09:59:58) is the minimum: no no-data batch
INSERT INTO b VALUES (3, '2024-05-01 10:00:30');
TRIGGER;
-- a's candidate rises to 10:00:16, the new minimum
INSERT INTO a VALUES (4, '2024-05-01 10:00:21');
TRIGGER;
TRIGGER;
-- a's candidate 10:00:45: the minimum is now b's 10:00:25
INSERT INTO a VALUES (5, '2024-05-01 10:00:50');
TRIGGER;
-- b's candidate 10:00:39 is the new minimum
INSERT INTO b VALUES (6, '2024-05-01 10:00:44');
TRIGGER;
