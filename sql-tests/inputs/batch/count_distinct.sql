-- Pins count(DISTINCT x) in batch and streaming aggregations: NULLs ignored, state survives a restart.
CREATE TABLE visits (user_id INT, page STRING);
INSERT INTO visits VALUES (1, 'a'), (1, 'a'), (2, 'a'), (NULL, 'a'), (3, 'b'), (3, 'b');
SELECT page, count(DISTINCT user_id) AS users, count(*) AS hits FROM visits GROUP BY page;
SELECT count(DISTINCT page) AS pages FROM visits;
CREATE SOURCE clicks (user_id INT, ts TIMESTAMP);
CREATE QUERY uniq AS
  SELECT window.start AS ws, count(DISTINCT user_id) AS users
  FROM clicks
  GROUP BY window(ts, '10 minutes')
  EMIT UPDATE;
INSERT INTO clicks VALUES (1, '2024-05-01 10:01:00'), (2, '2024-05-01 10:02:00'), (1, '2024-05-01 10:03:00');
TRIGGER;
RESTART uniq;
INSERT INTO clicks VALUES (2, '2024-05-01 10:04:00'), (3, '2024-05-01 10:05:00');
TRIGGER;
