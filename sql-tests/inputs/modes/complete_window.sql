-- Pins COMPLETE for a windowed aggregation without watermark: every batch emits the whole result table, old windows included.
CREATE SOURCE payments (account STRING, amount DOUBLE, ts TIMESTAMP);
CREATE QUERY revenue AS
  SELECT window.start AS ws, sum(amount) AS revenue, count(*) AS n
  FROM payments
  GROUP BY window(ts, '1 hour')
  EMIT COMPLETE;
INSERT INTO payments VALUES ('acme', 120.5, '2024-04-29 09:10:00'), ('globex', 30.25, '2024-04-29 09:50:00'), ('acme', 10.0, '2024-04-29 10:05:00');
TRIGGER;
INSERT INTO payments VALUES ('initech', 4.5, '2024-04-29 11:30:00');
TRIGGER;
INSERT INTO payments VALUES ('globex', 0.25, '2024-04-29 09:59:59');
TRIGGER;
