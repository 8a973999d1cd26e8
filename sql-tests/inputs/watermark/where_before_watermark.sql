-- Pins that WHERE is applied before the watermark: filtered-out rows do not raise the max event time.
CREATE SOURCE payments (status STRING, ts TIMESTAMP);
CREATE QUERY ok_counts AS
  SELECT window.start AS ws, count(*) AS n
  FROM payments
  WHERE status = 'ok'
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 5 minutes
  EMIT UPDATE;
INSERT INTO payments VALUES ('ok', '2024-04-29 10:01:00'), ('failed', '2024-04-29 10:30:00');
TRIGGER;
-- with the failed row counted the watermark would be 10:25 and this row late
INSERT INTO payments VALUES ('ok', '2024-04-29 10:04:00');
TRIGGER;
