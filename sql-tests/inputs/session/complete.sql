-- Pins session windows in COMPLETE mode with a WATERMARK clause: every batch emits every session of every key; the watermark is tracked and shown but unused (no late drop, no eviction, no no-data batch).
CREATE SOURCE clicks (user_id STRING, ts TIMESTAMP);
CREATE QUERY sessions AS
  SELECT user_id, window.start AS ws, window.end AS we, count(*) AS n
  FROM clicks
  GROUP BY session_window(ts, '5 minutes'), user_id
  WATERMARK ts 1 minute
  EMIT COMPLETE;
INSERT INTO clicks VALUES ('a', '2024-05-01 10:00:00'), ('b', '2024-05-01 10:30:00');
TRIGGER;
-- Watermark 10:29. a 10:04 [10:04, 10:09) would be late in APPEND (10:09 <= 10:29); here it extends a [10:00, 10:05), a session that ended before the watermark. a 09:50 opens [09:50, 09:55).
INSERT INTO clicks VALUES ('a', '2024-05-01 10:04:00'), ('a', '2024-05-01 09:50:00');
TRIGGER;
-- a 09:55 [09:55, 10:00) touches both a sessions and bridges them. b 10:40 moves the watermark to 10:39 (shown from the next batch on).
INSERT INTO clicks VALUES ('a', '2024-05-01 09:55:00'), ('b', '2024-05-01 10:40:00');
TRIGGER;
-- No input: no batch, not even a no-data batch after the watermark advance.
TRIGGER;
-- b 10:36 [10:36, 10:41) overlaps [10:40, 10:45) but not [10:30, 10:35).
INSERT INTO clicks VALUES ('b', '2024-05-01 10:36:00');
TRIGGER;
