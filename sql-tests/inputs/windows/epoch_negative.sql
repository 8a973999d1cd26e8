-- Pins window assignment around the epoch and before 1970 (floor modulo), including the spec example 1970-01-01 00:00:02 -> [1969-12-31 23:59:55, 1970-01-01 00:00:05) with startTime 5 seconds.
CREATE SOURCE events (name STRING, ts TIMESTAMP);
CREATE QUERY shifted AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM events
  GROUP BY window(ts, '10 seconds', '10 seconds', '5 seconds')
  EMIT COMPLETE;
CREATE QUERY plain AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM events
  GROUP BY window(ts, '10 seconds')
  EMIT COMPLETE;
INSERT INTO events VALUES
  ('a', '1970-01-01 00:00:02'),
  ('b', '1969-12-31 23:59:58'),
  ('c', '1970-01-01 00:00:00'),
  ('d', '1969-12-31 23:59:50'),
  ('e', '1969-07-20 20:17:43');
TRIGGER;
