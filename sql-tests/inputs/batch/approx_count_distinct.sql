-- Pins approx_count_distinct(x) in batch SELECTs: BIGINT, never NULL (0 without values), NULLs ignored, exact for small sets like count(DISTINCT x), -0.0 and 0.0 one value, any argument type, one argument only.
CREATE TABLE visits (user_id INT, page STRING, score DOUBLE, ok BOOLEAN, ts TIMESTAMP);
INSERT INTO visits VALUES
  (1, 'a', 0.0, true, '2024-05-01 10:00:00'),
  (1, 'a', -0.0, true, '2024-05-01 10:00:00'),
  (2, 'a', 1.5, false, '2024-05-01 10:01:00'),
  (NULL, 'a', NULL, NULL, NULL),
  (3, 'b', 2.5, true, '2024-05-01 10:02:00'),
  (3, 'b', 2.5, true, '2024-05-01 10:02:00'),
  (NULL, 'c', NULL, NULL, NULL),
  (4, NULL, 1.5, false, '2024-05-01 10:03:00');
SELECT page, approx_count_distinct(user_id) AS approx_users, count(DISTINCT user_id) AS users, count(*) AS hits FROM visits GROUP BY page;
SELECT approx_count_distinct(page) AS pages, approx_count_distinct(score) AS scores, count(DISTINCT score) AS exact_scores,
  approx_count_distinct(ok) AS oks, approx_count_distinct(ts) AS times, approx_count_distinct(user_id % 2) AS parities
FROM visits;
SELECT page, approx_count_distinct(user_id) AS n FROM visits GROUP BY page HAVING approx_count_distinct(user_id) > 1 ORDER BY n DESC;
-- a global aggregate over no rows, and over a NULL constant: 0, not NULL
SELECT approx_count_distinct(user_id) AS n, count(DISTINCT user_id) AS exact FROM visits WHERE user_id > 100;
SELECT approx_count_distinct(NULL) AS n FROM visits;
-- Spark's relative-standard-deviation argument is not supported: the precision is fixed (1.6% standard error)
SELECT approx_count_distinct(user_id, 0.05) AS n FROM visits;
SELECT approx_count_distinct(*) AS n FROM visits;
