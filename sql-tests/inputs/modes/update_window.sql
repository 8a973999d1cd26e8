-- Pins UPDATE for a windowed aggregation: each batch emits only the rows whose aggregate changed; evicted windows vanish silently and late rows change nothing.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY page_views AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT UPDATE;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:01:00'), ('home', '2024-04-29 12:04:00'), ('cart', '2024-04-29 12:08:00');
TRIGGER;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:09:00'), ('cart', '2024-04-29 12:16:00');
TRIGGER;
-- 12:05 is late (its window ends 12:10 <= 12:11)
INSERT INTO clicks VALUES ('home', '2024-04-29 12:05:00'), ('cart', '2024-04-29 12:19:00');
TRIGGER;
SELECT * FROM page_views;
