-- Pins ORDER BY and LIMIT in COMPLETE mode: each batch emits the top rows of the whole result table in query order.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY top_pages AS
  SELECT page, count(*) AS n
  FROM clicks
  GROUP BY page
  ORDER BY n DESC, page
  LIMIT 2
  EMIT COMPLETE;
INSERT INTO clicks VALUES
  ('home', '2024-04-29 10:00:00'), ('search', '2024-04-29 10:00:05'), ('home', '2024-04-29 10:00:09'),
  ('about', '2024-04-29 10:00:12'), ('search', '2024-04-29 10:00:20'), ('home', '2024-04-29 10:00:31'),
  ('cart', '2024-04-29 10:00:40');
TRIGGER;
INSERT INTO clicks VALUES ('cart', '2024-04-29 10:01:00'), ('cart', '2024-04-29 10:01:30');
TRIGGER;
INSERT INTO clicks VALUES ('search', '2024-04-29 10:02:00'), ('search', '2024-04-29 10:02:10');
TRIGGER;
