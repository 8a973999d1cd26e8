-- Pins that a row with NULL event time belongs to no window and is dropped by a windowed aggregation (a non-windowed aggregation still counts it).
CREATE SOURCE readings (sensor STRING, temp DOUBLE, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM readings
  GROUP BY window(ts, '5 minutes')
  EMIT COMPLETE;
CREATE QUERY per_sensor AS
  SELECT sensor, count(*) AS n, count(ts) AS n_ts
  FROM readings
  GROUP BY sensor
  EMIT COMPLETE;
INSERT INTO readings VALUES
  ('s1', 20.5, '2024-04-29 08:01:00'),
  ('s1', 21.0, NULL),
  ('s2', 19.5, '2024-04-29 08:04:00'),
  ('s2', 18.0, '2024-04-29 08:06:00');
TRIGGER;
