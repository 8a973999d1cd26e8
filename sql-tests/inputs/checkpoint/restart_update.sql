-- Pins RESTART of an UPDATE query: aggregates continue from the checkpointed state, the watermark still drops late rows, and the result table keeps the latest row per key.
CREATE SOURCE payments (account STRING, amount INT, ts TIMESTAMP);
CREATE QUERY hourly AS
  SELECT window.start AS ws, account, sum(amount) AS total
  FROM payments
  GROUP BY window(ts, '1 hour'), account
  WATERMARK ts 15 minutes
  EMIT UPDATE;
INSERT INTO payments VALUES ('acme', 100, '2024-04-29 09:10:00'), ('globex', 50, '2024-04-29 09:40:00');
TRIGGER;
RESTART hourly;
INSERT INTO payments VALUES ('acme', 25, '2024-04-29 09:55:00'), ('acme', 10, '2024-04-29 10:05:00');
TRIGGER;
RESTART hourly;
INSERT INTO payments VALUES ('globex', 5, '2024-04-29 09:59:00'), ('globex', 1, '2024-04-29 10:20:00');
TRIGGER;
RESTART hourly;
-- the 09:00 windows were evicted before the restart: this row is late
INSERT INTO payments VALUES ('acme', 1000, '2024-04-29 09:30:00');
TRIGGER;
SELECT * FROM hourly;
