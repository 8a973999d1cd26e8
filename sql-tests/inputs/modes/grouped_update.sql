-- Pins a grouped aggregation without window in UPDATE mode: each batch emits the new value of every group it changed; the result table keeps the latest row per key.
CREATE SOURCE payments (account STRING, amount INT, ts TIMESTAMP);
CREATE QUERY by_account AS
  SELECT account, count(*) AS n, sum(amount) AS total
  FROM payments
  GROUP BY account
  EMIT UPDATE;
INSERT INTO payments VALUES ('acme', 10, '2024-04-29 10:00:00'), ('globex', 20, '2024-04-29 10:00:01'), ('acme', 5, '2024-04-29 10:00:02');
TRIGGER;
INSERT INTO payments VALUES ('globex', 7, '2024-04-29 10:01:00'), ('initech', 1, '2024-04-29 10:01:01');
TRIGGER;
INSERT INTO payments VALUES ('acme', 0, '2024-04-29 10:02:00');
TRIGGER;
SELECT * FROM by_account;
