-- Pins approx_count_distinct over sliding windows in UPDATE mode: each batch emits the windows whose sketch was touched, NULLs ignored (0 for a window of NULLs only), sketches survive RESTART, a late row counts only in its still-open windows.
CREATE SOURCE events (device STRING, ts TIMESTAMP);
CREATE QUERY active AS
  SELECT window.start AS ws, window.end AS we, approx_count_distinct(device) AS devices, count(DISTINCT device) AS exact_devices
  FROM events
  GROUP BY window(ts, '10 minutes', '5 minutes')
  WATERMARK ts 5 minutes
  EMIT UPDATE;
INSERT INTO events VALUES ('d1', '2024-05-01 10:01:00'), ('d2', '2024-05-01 10:06:00'), ('d1', '2024-05-01 10:07:00'), (NULL, '2024-05-01 10:08:00');
TRIGGER;
RESTART active;
-- watermark 10:03: 10:02 still counts in [09:55, 10:05)
INSERT INTO events VALUES ('d3', '2024-05-01 10:09:00'), ('d1', '2024-05-01 10:12:00'), (NULL, '2024-05-01 10:13:00'), ('d4', '2024-05-01 10:02:00');
TRIGGER;
RESTART active;
-- watermark 10:08: 10:04 is late for [09:55, 10:05) but counts in [10:00, 10:10)
INSERT INTO events VALUES ('d5', '2024-05-01 10:04:00'), (NULL, '2024-05-01 10:23:00');
TRIGGER;
SELECT * FROM active ORDER BY ws;
