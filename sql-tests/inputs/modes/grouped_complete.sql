-- Pins a grouped aggregation without window in COMPLETE mode: every batch emits the whole table, unchanged groups included.
CREATE SOURCE payments (account STRING, amount INT, ts TIMESTAMP);
CREATE QUERY by_account AS
  SELECT account, count(*) AS n, sum(amount) AS total
  FROM payments
  GROUP BY account
  EMIT COMPLETE;
INSERT INTO payments VALUES ('acme', 10, '2024-04-29 10:00:00'), ('globex', 20, '2024-04-29 10:00:01'), ('acme', 5, '2024-04-29 10:00:02');
TRIGGER;
INSERT INTO payments VALUES ('globex', -7, '2024-04-29 10:01:00'), ('initech', 1, '2024-04-29 10:01:01');
TRIGGER;
SELECT * FROM by_account;
