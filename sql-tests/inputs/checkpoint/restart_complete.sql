-- Pins RESTART of a COMPLETE query: counts continue from the checkpoint, the result table survives, batch ids continue, and a restart alone runs no batch.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY page_counts AS
  SELECT page, count(*) AS n
  FROM clicks
  GROUP BY page
  EMIT COMPLETE;
INSERT INTO clicks VALUES ('home', '2024-04-29 10:00:00'), ('cart', '2024-04-29 10:00:01'), ('home', '2024-04-29 10:00:02');
TRIGGER;
RESTART page_counts;
TRIGGER;
SELECT * FROM page_counts;
INSERT INTO clicks VALUES ('cart', '2024-04-29 10:01:00');
TRIGGER;
RESTART page_counts;
INSERT INTO clicks VALUES ('search', '2024-04-29 10:02:00');
TRIGGER;
