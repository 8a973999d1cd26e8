-- Pins window durations written as '1 hour 30 minutes' (compound), '10 min' (abbreviated) and '45 seconds'.
CREATE SOURCE events (id INT, ts TIMESTAMP);
CREATE QUERY w90 AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM events
  GROUP BY window(ts, '1 hour 30 minutes')
  EMIT COMPLETE;
CREATE QUERY w10 AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM events
  GROUP BY window(ts, '10 min')
  EMIT COMPLETE;
CREATE QUERY w45 AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM events
  GROUP BY window(ts, '45 seconds')
  EMIT COMPLETE;
INSERT INTO events VALUES (1, '2024-04-29 02:59:00'), (2, '2024-04-29 03:00:00'), (3, '2024-04-29 03:04:59');
TRIGGER;
