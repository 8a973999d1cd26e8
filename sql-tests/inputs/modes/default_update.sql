-- Pins that an aggregation without EMIT defaults to UPDATE: only changed rows are emitted, evicted windows vanish silently.
CREATE SOURCE readings (sensor STRING, temp DOUBLE, ts TIMESTAMP);
CREATE QUERY peaks AS
  SELECT window.start AS ws, sensor, max(temp) AS peak, count(*) AS n
  FROM readings
  GROUP BY window(ts, '5 minutes'), sensor
  WATERMARK ts 1 minute;
INSERT INTO readings VALUES ('s1', 21.5, '2024-04-29 07:00:10'), ('s2', 19.0, '2024-04-29 07:01:00');
TRIGGER;
INSERT INTO readings VALUES ('s1', 23.0, '2024-04-29 07:03:00');
TRIGGER;
INSERT INTO readings VALUES ('s2', 18.0, '2024-04-29 07:06:30');
TRIGGER;
-- the window [07:00, 07:05) was evicted in batch 5: this row is late
INSERT INTO readings VALUES ('s1', 30.0, '2024-04-29 07:04:59');
TRIGGER;
