-- Pins session windows grouped by several keys (APPEND, watermark declared on the source): sessions are per key combination, NULL key values form their own key (NULLs equal each other), a row with NULL event time belongs to no session and does not move the watermark (a batch of only such rows runs no no-data batch).
CREATE SOURCE events (user_id INT, device STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND);
CREATE QUERY sessions AS
  SELECT user_id, device, window.start AS ws, window.end AS we, count(*) AS n
  FROM events
  GROUP BY session_window(ts, '30 seconds'), user_id, device
  EMIT APPEND;
-- (1, web) 12:00:00 and 12:00:20 merge into [12:00:00, 12:00:50); (1, app) 12:00:10 is another key. (NULL, web) 12:00:05 and 12:00:30 merge into [12:00:05, 12:01:00).
-- (2, NULL) opens [12:00:15, 12:00:45). The two NULL-time rows are in no session. Watermark 12:00:30 - 10 s = 12:00:20 closes nothing.
INSERT INTO events VALUES
  (1, 'web', '2024-05-01 12:00:00'),
  (1, 'app', '2024-05-01 12:00:10'),
  (1, 'web', '2024-05-01 12:00:20'),
  (NULL, 'web', '2024-05-01 12:00:05'),
  (NULL, 'web', '2024-05-01 12:00:30'),
  (2, NULL, '2024-05-01 12:00:15'),
  (1, 'web', NULL),
  (NULL, NULL, NULL);
TRIGGER;
-- Only NULL event times: one data batch that changes nothing and no no-data batch.
INSERT INTO events VALUES (NULL, 'web', NULL), (2, NULL, NULL);
TRIGGER;
-- (2, NULL) 12:00:44 extends [12:00:15, 12:00:45) to [12:00:15, 12:01:14). (1, app) 12:00:58 opens a second session for that key ([12:00:10, 12:00:40) ended before 12:00:58).
-- Watermark 12:01:20 - 10 s = 12:01:10 closes (1, web), (1, app) [12:00:10, 12:00:40) and (NULL, web).
INSERT INTO events VALUES (2, NULL, '2024-05-01 12:00:44'), (1, 'app', '2024-05-01 12:00:58'), (3, 'web', '2024-05-01 12:01:20');
TRIGGER;
-- (3, web) 12:02:00 does not touch [12:01:20, 12:01:50). Watermark 12:01:50 closes every open session except that new one; [12:01:20, 12:01:50) ends exactly at it.
INSERT INTO events VALUES (3, 'web', '2024-05-01 12:02:00');
TRIGGER;
