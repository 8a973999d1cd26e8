-- Pins the accepted spellings of the WATERMARK delay: bare 10 min, '10 minutes', INTERVAL '10' MINUTE and INTERVAL 10 MINUTES all mean 10 minutes.
CREATE SOURCE events (id INT, ts TIMESTAMP);
CREATE QUERY bare AS
  SELECT window.start AS ws, count(*) AS n FROM events
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts 10 min;
CREATE QUERY quoted AS
  SELECT window.start AS ws, count(*) AS n FROM events
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts '10 minutes';
CREATE QUERY ansi AS
  SELECT window.start AS ws, count(*) AS n FROM events
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts INTERVAL '10' MINUTE;
CREATE QUERY plural AS
  SELECT window.start AS ws, count(*) AS n FROM events
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts INTERVAL 10 MINUTES;
INSERT INTO events VALUES (1, '2024-04-29 12:30:00');
TRIGGER;
