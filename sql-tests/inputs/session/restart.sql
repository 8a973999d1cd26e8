-- Pins RESTART of an APPEND session-window query: open sessions with their partial aggregates (sum, avg, max, count(DISTINCT), approx_count_distinct), the watermark and the result table survive, batch ids continue; after a restart a row can still bridge two sessions opened before it, and late rows are still dropped.
CREATE SOURCE clicks (user_id STRING, page STRING, amount INT, ts TIMESTAMP);
CREATE QUERY sessions AS
  SELECT user_id, window.start AS ws, window.end AS we, count(*) AS n, sum(amount) AS total, avg(amount) AS mean, max(amount) AS hi, count(DISTINCT page) AS pages, approx_count_distinct(page) AS approx_pages
  FROM clicks
  GROUP BY session_window(ts, '10 minutes'), user_id
  WATERMARK ts 5 minutes
  EMIT APPEND;
-- a: [12:00, 12:10) and [12:12, 12:22); b: [12:05, 12:15). Watermark 12:07 closes nothing.
INSERT INTO clicks VALUES ('a', 'home', 1, '2024-05-01 12:00:00'), ('a', 'cart', 2, '2024-05-01 12:12:00'), ('b', 'home', 4, '2024-05-01 12:05:00');
TRIGGER;
RESTART sessions;
-- a 12:09 [12:09, 12:19) bridges a's two sessions into [12:00, 12:22) (home counts once as a distinct page); b 12:15 touches b's end: [12:05, 12:25).
-- The new watermark 12:10 would have closed a [12:00, 12:10) had the restart lost the state: nothing is emitted.
INSERT INTO clicks VALUES ('a', 'home', 8, '2024-05-01 12:09:00'), ('b', 'home', 16, '2024-05-01 12:15:00');
TRIGGER;
RESTART sessions;
TRIGGER;
-- a 12:00 [12:00, 12:10) is late after the restart (12:10 <= watermark 12:10) though it falls inside the open a session: its amount and page are not counted. c 12:40 moves the watermark to 12:35, which closes a and b.
INSERT INTO clicks VALUES ('a', 'pay', 64, '2024-05-01 12:00:00'), ('c', 'home', 32, '2024-05-01 12:40:00');
TRIGGER;
SELECT * FROM sessions;
