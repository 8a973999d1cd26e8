-- Pins that under the min policy an input that never receives data holds the query watermark at none however far the other inputs get: no row is late, nothing is evicted, APPEND emits nothing and no no-data batch runs.
CREATE SOURCE a (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE b (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE c (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE QUERY held AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b UNION ALL SELECT ts, v FROM c)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
CREATE QUERY counts AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b UNION ALL SELECT ts, v FROM c)
  GROUP BY window(ts, '10 seconds')
  EMIT UPDATE;
INSERT INTO a VALUES (1, '2024-05-01 10:00:01');
INSERT INTO b VALUES (2, '2024-05-01 10:01:00');
TRIGGER;
-- a and b both have candidates (10:04:55 and 10:00:55) but c has none: 10:00:03 is not late
INSERT INTO a VALUES (3, '2024-05-01 10:05:00');
INSERT INTO b VALUES (4, '2024-05-01 10:00:03');
TRIGGER;
INSERT INTO b VALUES (5, '2024-05-01 10:00:07');
TRIGGER;
SELECT * FROM held;
SELECT * FROM counts;
