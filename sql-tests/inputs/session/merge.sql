-- Pins session_window(ts, gap) merging per key (COMPLETE, no watermark): each row opens [ts, ts + gap); a key's sessions that overlap or touch (end == start) merge into [min start, max end), within a batch whatever the row order and across batches, where a row can extend a stored session backwards or bridge two stored sessions into one; 1 ms apart is not touching; other keys are never merged in.
CREATE SOURCE clicks (user_id STRING, ts TIMESTAMP);
CREATE QUERY sessions AS
  SELECT user_id, window.start AS ws, window.end AS we, count(*) AS n
  FROM clicks
  GROUP BY session_window(ts, '5 minutes'), user_id
  EMIT COMPLETE;
-- a: 10:08 [10:08, 10:13) and 10:00 [10:00, 10:05) are apart until 10:03 [10:03, 10:08) overlaps the second and touches the first: one session [10:00, 10:13) of 3 rows, whatever the insertion order.
-- a: 10:20 [10:20, 10:25) stays alone (10:13 < 10:20). b: [10:00, 10:05) and [10:05:00.001, 10:10:00.001) miss each other by 1 ms.
INSERT INTO clicks VALUES ('a', '2024-05-01 10:08:00'), ('a', '2024-05-01 10:00:00'), ('a', '2024-05-01 10:20:00'), ('b', '2024-05-01 10:05:00.001'), ('b', '2024-05-01 10:00:00'), ('a', '2024-05-01 10:03:00');
TRIGGER;
-- a: 10:15 [10:15, 10:20) touches the start of [10:20, 10:25), which now starts earlier: [10:15, 10:25). It does not reach [10:00, 10:13).
-- b: 10:05 [10:05, 10:10) touches [10:00, 10:05) and overlaps [10:05:00.001, 10:10:00.001): it bridges the two stored sessions into [10:00, 10:10:00.001).
INSERT INTO clicks VALUES ('a', '2024-05-01 10:15:00'), ('b', '2024-05-01 10:05:00');
TRIGGER;
-- a: 09:57 [09:57, 10:02) overlaps the start of [10:00, 10:13): the session now starts at 09:57.
INSERT INTO clicks VALUES ('a', '2024-05-01 09:57:00');
TRIGGER;
-- a: 10:13 [10:13, 10:18) touches the end of [09:57, 10:13) and overlaps [10:15, 10:25): all of a is one session of 7 rows. c: the same time under another key is a session of its own.
INSERT INTO clicks VALUES ('a', '2024-05-01 10:13:00'), ('c', '2024-05-01 10:13:00');
TRIGGER;
SELECT * FROM sessions;
