-- Pins per-window lateness for sliding windows: a row is dropped from its closed windows but still counted in its open ones.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY hop AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes', '5 minutes')
  WATERMARK ts 2 minutes
  EMIT UPDATE;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:17:00');
TRIGGER;
-- 12:12 belongs to [12:05, 12:15) (closed: dropped) and [12:10, 12:20) (open: counted); 12:09 belongs only to closed windows
INSERT INTO clicks VALUES ('cart', '2024-04-29 12:12:00'), ('home', '2024-04-29 12:09:00');
TRIGGER;
