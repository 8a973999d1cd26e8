-- Pins APPEND for a windowed aggregation: a window's row is emitted once, in the batch that evicts it (its end <= watermark); the result table accumulates the emitted rows.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY page_views AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:01:00'), ('home', '2024-04-29 12:04:00'), ('cart', '2024-04-29 12:08:00');
TRIGGER;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:16:00');
TRIGGER;
INSERT INTO clicks VALUES ('cart', '2024-04-29 12:12:00'), ('home', '2024-04-29 12:30:00');
TRIGGER;
SELECT * FROM page_views;
