-- Pins the non-strict late test: a row is late when event time <= watermark; for a window, a (row, window) pair is late when window.end <= watermark.
CREATE SOURCE readings (sensor STRING, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM readings
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 5 minutes
  EMIT UPDATE;
CREATE QUERY per_instant AS
  SELECT ts, count(*) AS n
  FROM readings
  GROUP BY ts
  WATERMARK ts 5 minutes
  EMIT UPDATE;
INSERT INTO readings VALUES ('s1', '2024-04-29 09:25:00');
TRIGGER;
-- watermark is 09:20: window [09:10, 09:20) is closed (end = watermark); 09:20:00 itself is late for the per-instant key but its window [09:20, 09:30) is open
INSERT INTO readings VALUES ('s2', '2024-04-29 09:19:59'), ('s3', '2024-04-29 09:20:00'), ('s4', '2024-04-29 09:20:01');
TRIGGER;
