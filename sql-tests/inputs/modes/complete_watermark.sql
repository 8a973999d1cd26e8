-- Pins that COMPLETE ignores the watermark: no no-data batch, no eviction, no late drop (the watermark is still tracked and shown in the batch header).
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 5 minutes
  EMIT COMPLETE;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:01:00'), ('cart', '2024-04-29 12:22:00');
TRIGGER;
-- 12:03 would be late in APPEND/UPDATE (window end 12:10 <= 12:17); here it is counted
INSERT INTO clicks VALUES ('home', '2024-04-29 12:03:00');
TRIGGER;
