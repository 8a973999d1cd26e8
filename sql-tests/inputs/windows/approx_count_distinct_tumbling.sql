-- Pins approx_count_distinct in a tumbling-window APPEND query with a watermark: equal to count(DISTINCT) for small sets, NULLs ignored (0 for a window of NULLs only), sketches survive RESTART, late rows change nothing.
CREATE SOURCE clicks (user_id INT, page STRING, ts TIMESTAMP);
CREATE QUERY uniq AS
  SELECT window.start AS ws, page, approx_count_distinct(user_id) AS users, count(DISTINCT user_id) AS exact_users, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
INSERT INTO clicks VALUES
  (1, 'home', '2024-05-01 10:01:00'),
  (2, 'home', '2024-05-01 10:02:00'),
  (1, 'home', '2024-05-01 10:03:00'),
  (NULL, 'home', '2024-05-01 10:04:00'),
  (3, 'cart', '2024-05-01 10:05:00'),
  (NULL, 'cart', '2024-05-01 10:06:00');
TRIGGER;
RESTART uniq;
-- the restored sketch of [10:00, 10:10) home already holds users 1 and 2
INSERT INTO clicks VALUES
  (2, 'home', '2024-05-01 10:08:00'),
  (4, 'home', '2024-05-01 10:09:00'),
  (NULL, 'cart', '2024-05-01 10:09:30'),
  (5, 'home', '2024-05-01 10:12:00');
TRIGGER;
RESTART uniq;
-- 10:03 is not late yet (watermark 10:07); 10:22 moves the watermark to 10:17 and closes [10:00, 10:10)
INSERT INTO clicks VALUES (6, 'home', '2024-05-01 10:03:00'), (6, 'home', '2024-05-01 10:21:00'), (NULL, 'cart', '2024-05-01 10:22:00');
TRIGGER;
RESTART uniq;
-- 10:05 is late now; 10:36 closes [10:10, 10:20) and [10:20, 10:30)
INSERT INTO clicks VALUES (7, 'home', '2024-05-01 10:05:00'), (8, 'cart', '2024-05-01 10:36:00');
TRIGGER;
SELECT * FROM uniq ORDER BY ws, page;
