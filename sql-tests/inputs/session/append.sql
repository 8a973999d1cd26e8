-- Pins session windows in APPEND mode (WATERMARK clause): a session is emitted once, in the batch (normally the no-data batch) whose watermark is >= its end, then leaves state; a row is late when its own end ts + gap <= watermark, even when it falls inside or touches an open session; a non-late row extends an open session (also backwards) but never reopens an emitted one.
CREATE SOURCE clicks (user_id STRING, ts TIMESTAMP);
CREATE QUERY sessions AS
  SELECT user_id, window.start AS ws, window.end AS we, count(*) AS n
  FROM clicks
  GROUP BY session_window(ts, '5 minutes'), user_id
  WATERMARK ts 2 minutes
  EMIT APPEND;
-- a: [10:00, 10:09) of 2 rows; b: [10:01, 10:06). Watermark becomes 10:04 - 2 min = 10:02, which closes nothing.
INSERT INTO clicks VALUES ('a', '2024-05-01 10:00:00'), ('a', '2024-05-01 10:04:00'), ('b', '2024-05-01 10:01:00');
TRIGGER;
-- a: 10:08 extends a to [10:00, 10:13). b: 10:07 [10:07, 10:12) does not touch [10:01, 10:06). Watermark 10:06 closes b [10:01, 10:06) (end == watermark).
INSERT INTO clicks VALUES ('b', '2024-05-01 10:07:00'), ('a', '2024-05-01 10:08:00');
TRIGGER;
-- Watermark 10:06. a 10:01:00 is late (10:06 <= 10:06) though it falls inside the open session [10:00, 10:13): dropped. a 10:01:01 (end 10:06:01) is not late and joins it.
-- b 10:03 [10:03, 10:08) extends the open b [10:07, 10:12) backwards to [10:03, 10:12); the emitted b [10:01, 10:06) is gone and is not reopened, so b's two output rows overlap.
-- c 10:20 moves the watermark to 10:18, which closes a and b.
INSERT INTO clicks VALUES ('a', '2024-05-01 10:01:00'), ('a', '2024-05-01 10:01:01'), ('b', '2024-05-01 10:03:00'), ('c', '2024-05-01 10:20:00');
TRIGGER;
-- Watermark 10:18. c 10:13 [10:13, 10:18) is late (10:18 <= 10:18) though it overlaps c 10:15 [10:15, 10:20) of the same batch: dropped. c 10:15 [10:15, 10:20) touches [10:20, 10:25): c becomes [10:15, 10:25).
-- The watermark does not move (max event time still 10:20): no no-data batch.
INSERT INTO clicks VALUES ('c', '2024-05-01 10:13:00'), ('c', '2024-05-01 10:15:00');
TRIGGER;
-- Watermark 10:28 closes c with both its rows; d stays open.
INSERT INTO clicks VALUES ('d', '2024-05-01 10:30:00');
TRIGGER;
SELECT * FROM sessions;
