-- Pins a watermark declared on the source (WATERMARK FOR ts AS ts - INTERVAL '10' MINUTE): a query without its own WATERMARK clause uses it (APPEND is then allowed).
CREATE SOURCE readings (sensor STRING, temp DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '10' MINUTE);
CREATE QUERY avg_temp AS
  SELECT window.start AS ws, sensor, avg(temp) AS avg_temp
  FROM readings
  GROUP BY window(ts, '15 minutes'), sensor
  EMIT APPEND;
INSERT INTO readings VALUES ('s1', 20.0, '2024-04-29 06:00:00'), ('s1', 22.0, '2024-04-29 06:10:00'), ('s2', 15.5, '2024-04-29 06:05:00');
TRIGGER;
INSERT INTO readings VALUES ('s1', 25.0, '2024-04-29 06:26:00');
TRIGGER;
INSERT INTO readings VALUES ('s2', 30.0, '2024-04-29 06:14:00'), ('s2', 10.0, '2024-04-29 06:40:00');
TRIGGER;
