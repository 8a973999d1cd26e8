-- Pins the startTime offset (spec example): window(ts, '10 seconds', '10 seconds', '5 seconds') puts 19:39:27 into [19:39:25, 19:39:35).
CREATE SOURCE readings (sensor STRING, ts TIMESTAMP);
CREATE QUERY shifted AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM readings
  GROUP BY window(ts, '10 seconds', '10 seconds', '5 seconds')
  EMIT COMPLETE;
INSERT INTO readings VALUES
  ('s1', '2024-04-29 19:39:24'),
  ('s1', '2024-04-29 19:39:27'),
  ('s2', '2024-04-29 19:39:34.999'),
  ('s2', '2024-04-29 19:39:35');
TRIGGER;
