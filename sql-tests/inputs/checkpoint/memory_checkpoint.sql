-- Pins WITH (checkpoint = 'memory'): no files, but RESTART still resumes from the last committed batch.
CREATE SOURCE temps (sensor STRING, celsius DOUBLE, ts TIMESTAMP);
CREATE QUERY hot WITH (checkpoint = 'memory') AS
  SELECT window.start AS ws, sensor, max(celsius) AS peak
  FROM temps
  GROUP BY window(ts, '1 minute'), sensor
  WATERMARK ts 30 seconds
  EMIT APPEND;
INSERT INTO temps VALUES ('s1', 20.5, '2024-06-01 08:00:10'), ('s1', 22.0, '2024-06-01 08:00:50'), ('s2', 19.0, '2024-06-01 08:00:20');
TRIGGER;
RESTART hot;
INSERT INTO temps VALUES ('s1', 25.0, '2024-06-01 08:00:40'), ('s2', 18.0, '2024-06-01 08:01:45');
TRIGGER;
RESTART hot;
INSERT INTO temps VALUES ('s1', 30.0, '2024-06-01 08:03:00');
TRIGGER;
SELECT * FROM hot;
