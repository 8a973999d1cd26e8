CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY c AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
INSERT INTO clicks VALUES ('a', TIMESTAMP '2024-01-01 00:01:00'), ('a', TIMESTAMP '2024-01-01 00:16:00');
TRIGGER;
