-- Pins that rows with NULL event time never advance the watermark: a batch of only NULL times runs no no-data batch.
CREATE SOURCE readings (sensor STRING, ts TIMESTAMP);
CREATE QUERY counts AS
  SELECT window.start AS ws, count(*) AS n
  FROM readings
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts 1 minute
  EMIT UPDATE;
INSERT INTO readings VALUES ('s1', NULL), ('s2', '2024-04-29 12:00:30');
TRIGGER;
INSERT INTO readings VALUES ('s1', NULL), ('s3', NULL);
TRIGGER;
