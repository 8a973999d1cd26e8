-- Pins session_window in batch SELECTs over a table: all rows are sessionized at once per key (NULL key its own key, NULL time in no session), with count(DISTINCT), WHERE, HAVING, ORDER BY, window_start/window_end, and no key at all.
CREATE TABLE visits (user_id STRING, page STRING, ts TIMESTAMP);
INSERT INTO visits VALUES
  ('a', 'home', '2024-05-01 09:00:00'),
  ('a', 'cart', '2024-05-01 09:04:00'),
  ('a', 'home', '2024-05-01 09:30:00'),
  ('b', 'home', '2024-05-01 09:02:00'),
  ('a', 'pay', '2024-05-01 09:09:00'),
  ('b', 'cart', NULL),
  (NULL, 'home', '2024-05-01 09:01:00'),
  (NULL, 'home', '2024-05-01 09:06:00');
-- a: 09:00, 09:04 (overlap) and 09:09 (touching the end 09:09) make [09:00, 09:14); 09:30 is alone. b's NULL-time row is in no session. NULL: 09:01 and 09:06 touch: [09:01, 09:11).
SELECT user_id, window.start AS ws, window.end AS we, count(*) AS n, count(DISTINCT page) AS pages FROM visits GROUP BY session_window(ts, '5 minutes'), user_id;
-- Without a key every timed row is in one chain from 09:00 to 09:14 except 09:30.
SELECT window.start AS ws, window.end AS we, count(*) AS n FROM visits GROUP BY session_window(ts, '5 minutes') ORDER BY ws DESC;
-- home rows only, gap 30 min: a [09:00, 09:30) touches [09:30, 10:00); b has a single row and fails HAVING.
SELECT user_id, window_start, window_end, count(*) AS n FROM visits WHERE page = 'home' GROUP BY session_window(ts, '30 minutes'), user_id HAVING count(*) > 1;
