-- Pins approx_count_distinct over sliding windows in APPEND mode, where per-pane sketches are merged when the watermark closes a window: a device seen in two panes of one window counts once, pane sketches survive RESTART.
CREATE SOURCE events (device STRING, ts TIMESTAMP);
CREATE QUERY hop AS
  SELECT window.start AS ws, window.end AS we, approx_count_distinct(device) AS devices, count(DISTINCT device) AS exact_devices, count(*) AS n
  FROM events
  GROUP BY window(ts, '10 minutes', '5 minutes')
  WATERMARK ts 2 minutes
  EMIT APPEND;
INSERT INTO events VALUES ('d1', '2024-05-01 10:01:00'), ('d2', '2024-05-01 10:06:00'), ('d1', '2024-05-01 10:07:00'), (NULL, '2024-05-01 10:08:00');
TRIGGER;
RESTART hop;
-- watermark 10:12 closes [10:00, 10:10): d1 is in both of its panes
INSERT INTO events VALUES ('d3', '2024-05-01 10:09:00'), ('d1', '2024-05-01 10:12:00'), ('d2', '2024-05-01 10:14:00');
TRIGGER;
RESTART hop;
-- watermark 10:24 closes [10:05, 10:15) and [10:10, 10:20); 10:03 is late
INSERT INTO events VALUES ('d4', '2024-05-01 10:26:00'), ('d9', '2024-05-01 10:03:00');
TRIGGER;
SELECT * FROM hop ORDER BY ws;
