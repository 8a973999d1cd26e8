-- Pins WITH (watermark_policy = 'max'): the query watermark is the maximum candidate over the inputs that have one (an input without data yet is ignored), so it advances on rows of one input alone and rows of a lagging input become late; a lower candidate never moves it backwards.
CREATE SOURCE a (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE b (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND);
CREATE QUERY q WITH (watermark_policy = 'max') AS
  SELECT window.start AS ws, count(*) AS n, sum(v) AS total
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
-- rows only on a: b is ignored, the watermark becomes a's candidate 10:00:26 and closes [10:00:00, 10:00:10)
INSERT INTO a VALUES (1, '2024-05-01 10:00:02'), (2, '2024-05-01 10:00:31');
TRIGGER;
-- 10:00:05 is late (window end 10:00:10 <= 10:00:26); a's candidate 10:00:40 closes [10:00:30, 10:00:40)
INSERT INTO a VALUES (3, '2024-05-01 10:00:45'), (4, '2024-05-01 10:00:05');
TRIGGER;
-- b's first row is late (window end 10:00:30 <= 10:00:40); its candidate 10:00:10 does not pull the watermark back: no no-data batch
INSERT INTO b VALUES (10, '2024-05-01 10:00:20');
TRIGGER;
-- watermark 10:00:40: b's 10:00:47 counts (window end 10:00:50), b's 10:00:38 is late (window end 10:00:40 <= 10:00:40); b's candidate 10:00:37 < 10:00:40
INSERT INTO b VALUES (11, '2024-05-01 10:00:47'), (12, '2024-05-01 10:00:38');
TRIGGER;
-- b now leads: its candidate 10:00:50 becomes the watermark and closes [10:00:40, 10:00:50)
INSERT INTO b VALUES (13, '2024-05-01 10:01:00');
TRIGGER;
SELECT * FROM q ORDER BY ws;
