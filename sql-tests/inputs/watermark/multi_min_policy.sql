-- Pins the default (min) policy for watermarks declared on the inputs of a union: each input's candidate is its own max event time minus its own delay, the query watermark is the minimum, an input that has not received data yet holds it at none, a lagging input holds it back, and it never moves backwards.
CREATE SOURCE a (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE b (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND);
CREATE QUERY q AS
  SELECT window.start AS ws, count(*) AS n, sum(v) AS total
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
-- rows only on a (candidate 10:00:26): b has no data, so the watermark stays none and no no-data batch runs
INSERT INTO a VALUES (1, '2024-05-01 10:00:02'), (2, '2024-05-01 10:00:31');
TRIGGER;
-- a's candidate is now 10:00:40, still none overall: 10:00:05 is not late and joins [10:00:00, 10:00:10)
INSERT INTO a VALUES (3, '2024-05-01 10:00:45'), (4, '2024-05-01 10:00:05');
TRIGGER;
-- b's first row: candidate 10:00:10, watermark min(10:00:40, 10:00:10) = 10:00:10 closes [10:00:00, 10:00:10)
INSERT INTO b VALUES (10, '2024-05-01 10:00:20');
TRIGGER;
-- watermark 10:00:10: b's 10:00:12 counts (window end 10:00:20), a's 10:00:08 is late (window end 10:00:10 <= 10:00:10); no candidate rose: no no-data batch
INSERT INTO b VALUES (11, '2024-05-01 10:00:12');
INSERT INTO a VALUES (5, '2024-05-01 10:00:08');
TRIGGER;
-- b's candidate rises to 10:00:28: watermark min(10:00:40, 10:00:28) = 10:00:28 closes [10:00:10, 10:00:20)
INSERT INTO b VALUES (12, '2024-05-01 10:00:38');
TRIGGER;
-- b's max stays 10:00:38 (10:00:25 is older): b's candidate and the watermark stay 10:00:28; [10:00:20, 10:00:30) is still open
INSERT INTO b VALUES (13, '2024-05-01 10:00:25');
TRIGGER;
-- candidates a 10:00:53, b 10:00:45: watermark 10:00:45 closes [10:00:20, 10:00:30) and [10:00:30, 10:00:40)
INSERT INTO a VALUES (6, '2024-05-01 10:00:58');
INSERT INTO b VALUES (14, '2024-05-01 10:00:55');
TRIGGER;
SELECT * FROM q ORDER BY ws;
