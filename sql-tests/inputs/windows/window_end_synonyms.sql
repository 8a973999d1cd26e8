-- Pins window.end and the synonyms window_start / window_end in the SELECT list of a windowed aggregation.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY hourly AS
  SELECT page, window_start AS ws, window_end AS we, window.end AS we2, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '1 hour'), page
  EMIT COMPLETE;
INSERT INTO clicks VALUES
  ('home', '2024-04-29 09:15:00'),
  ('cart', '2024-04-29 09:59:59'),
  ('home', '2024-04-29 10:00:00'),
  ('home', '2024-04-29 09:45:00');
TRIGGER;
