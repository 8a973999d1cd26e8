-- Pins eviction: a window is removed from state (and, in APPEND, emitted) in the batch whose watermark is >= its end; a late row cannot bring an evicted window back.
CREATE SOURCE payments (account STRING, amount INT, ts TIMESTAMP);
CREATE QUERY totals AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n, sum(amount) AS total
  FROM payments
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts 1 minute
  EMIT APPEND;
INSERT INTO payments VALUES ('acme', 10, '2024-04-29 10:01:00'), ('acme', 20, '2024-04-29 10:03:00'), ('globex', 5, '2024-04-29 10:06:00');
TRIGGER;
INSERT INTO payments VALUES ('acme', 100, '2024-04-29 10:04:00'), ('initech', 7, '2024-04-29 10:12:00');
TRIGGER;
SELECT * FROM totals;
