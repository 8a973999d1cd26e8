-- Pins sliding windows with the spec's example: window(ts, '10 seconds', '3 seconds') puts 19:39:27 into 4 windows (18, 21, 24, 27); 19:39:29 falls in only 3.
CREATE SOURCE readings (sensor STRING, ts TIMESTAMP);
CREATE QUERY hop AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM readings
  GROUP BY window(ts, '10 seconds', '3 seconds')
  EMIT COMPLETE;
INSERT INTO readings VALUES ('s1', TIMESTAMP '2024-04-29 19:39:27');
TRIGGER;
INSERT INTO readings VALUES ('s2', TIMESTAMP '2024-04-29 19:39:29'), ('s1', TIMESTAMP '2024-04-29 19:39:30');
TRIGGER;
