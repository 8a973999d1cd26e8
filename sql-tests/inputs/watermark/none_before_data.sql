-- Pins that the watermark is none before any data: a TRIGGER with no input runs no batch, and in the first data batch no row is late however old.
CREATE SOURCE readings (sensor STRING, ts TIMESTAMP);
CREATE QUERY counts AS
  SELECT window.start AS ws, count(*) AS n
  FROM readings
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 10 minutes
  EMIT UPDATE;
TRIGGER;
INSERT INTO readings VALUES ('s1', '2024-04-29 08:00:00'), ('s1', '2024-04-29 11:00:00');
TRIGGER;
-- now 08:05 is late: its window ends 08:10 <= 10:50; the batch still runs and prints its header
INSERT INTO readings VALUES ('s2', '2024-04-29 08:05:00');
TRIGGER;
