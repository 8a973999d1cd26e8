-- Pins watermark advance (max event time seen so far minus the delay, in effect from the next batch) and monotonicity: a batch whose max is older does not move it back.
CREATE SOURCE readings (sensor STRING, ts TIMESTAMP);
CREATE QUERY counts AS
  SELECT window.start AS ws, count(*) AS n
  FROM readings
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 5 minutes
  EMIT UPDATE;
INSERT INTO readings VALUES ('s1', '2024-04-29 10:02:00'), ('s2', '2024-04-29 10:08:00');
TRIGGER;
INSERT INTO readings VALUES ('s1', '2024-04-29 10:21:00');
TRIGGER;
-- max of this batch is 10:18, older than 10:21: the watermark stays 10:16 and no no-data batch runs
INSERT INTO readings VALUES ('s2', '2024-04-29 10:18:00'), ('s1', '2024-04-29 10:12:00');
TRIGGER;
INSERT INTO readings VALUES ('s2', '2024-04-29 10:25:00');
TRIGGER;
