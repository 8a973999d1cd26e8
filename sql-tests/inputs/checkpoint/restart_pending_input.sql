-- Pins RESTART with input inserted but not yet processed: the restarted query picks it up in the next TRIGGER, with the checkpointed watermark.
CREATE SOURCE readings (sensor STRING, temp DOUBLE, ts TIMESTAMP);
CREATE QUERY hot AS
  SELECT window.start AS ws, sensor, max(temp) AS peak
  FROM readings
  GROUP BY window(ts, '10 minutes'), sensor
  WATERMARK ts 10 minutes
  EMIT APPEND;
INSERT INTO readings VALUES ('s1', 30.5, '2024-04-29 15:04:00'), ('s2', 28.0, '2024-04-29 15:12:00');
TRIGGER;
INSERT INTO readings VALUES ('s1', 31.25, '2024-04-29 15:09:00'), ('s2', 27.0, '2024-04-29 15:25:00');
RESTART hot;
TRIGGER;
SELECT * FROM hot;
