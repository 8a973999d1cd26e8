-- Pins millisecond windows ('250 ms') and fractional timestamps in window bounds and max(ts).
CREATE SOURCE ticks (price DOUBLE, ts TIMESTAMP);
CREATE QUERY quarter_sec AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n, max(ts) AS last_ts
  FROM ticks
  GROUP BY window(ts, '250 ms')
  EMIT COMPLETE;
INSERT INTO ticks VALUES
  (101.5, '2024-04-29 12:00:00.1'),
  (101.25, '2024-04-29 12:00:00.249'),
  (101.75, '2024-04-29 12:00:00.25'),
  (102.0, '2024-04-29 12:00:00.999'),
  (101.0, '2024-04-29 12:00:01');
TRIGGER;
