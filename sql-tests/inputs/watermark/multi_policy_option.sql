-- Pins the watermark_policy query option: 'min' written out behaves exactly as the default, and a value other than 'min' or 'max' is INVALID_OPTION (the query is not created).
CREATE SOURCE a (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE b (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE QUERY by_default AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
CREATE QUERY by_min WITH (watermark_policy = 'min') AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
CREATE QUERY by_median WITH (watermark_policy = 'median') AS
  SELECT window.start AS ws, count(*) AS n
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
SHOW QUERIES;
INSERT INTO a VALUES (1, '2024-05-01 10:00:03'), (2, '2024-05-01 10:00:40');
TRIGGER;
-- b's candidate 10:00:17 is the minimum (a's is 10:00:35): [10:00:00, 10:00:10) closes
INSERT INTO b VALUES (3, '2024-05-01 10:00:22');
TRIGGER;
