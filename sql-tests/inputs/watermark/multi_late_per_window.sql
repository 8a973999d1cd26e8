-- Pins per-window lateness under the combined (min) watermark of a union: a (row, window) pair is dropped when window.end <= watermark, so a row is dropped from its closed sliding windows and still counted in its open ones, judged by the query watermark, not by its own input's candidate.
CREATE SOURCE a (k STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
CREATE SOURCE b (k STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '4' SECOND);
CREATE QUERY hop AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM (SELECT k, ts FROM a UNION ALL SELECT k, ts FROM b)
  GROUP BY window(ts, '10 seconds', '5 seconds')
  EMIT UPDATE;
-- candidates a 10:00:20, b 10:00:15: watermark 10:00:15
INSERT INTO a VALUES ('x', '2024-05-01 10:00:22');
INSERT INTO b VALUES ('y', '2024-05-01 10:00:19');
TRIGGER;
-- a's 10:00:14 and 10:00:12 are dropped from [10:00:05, 10:00:15) (end = watermark) but counted in [10:00:10, 10:00:20), open because b holds the watermark at 10:00:15 (a's own candidate is 10:00:20)
INSERT INTO a VALUES ('x', '2024-05-01 10:00:14'), ('x', '2024-05-01 10:00:12');
INSERT INTO b VALUES ('y', '2024-05-01 10:00:16');
TRIGGER;
-- b's candidate rises to 10:00:23: watermark min(10:00:20, 10:00:23) = 10:00:20 evicts [10:00:10, 10:00:20) silently
INSERT INTO b VALUES ('y', '2024-05-01 10:00:27');
TRIGGER;
-- 10:00:19 is dropped from [10:00:10, 10:00:20) (end 10:00:20 <= 10:00:20) and counted in [10:00:15, 10:00:25)
INSERT INTO a VALUES ('x', '2024-05-01 10:00:19');
TRIGGER;
SELECT * FROM hop ORDER BY ws;
