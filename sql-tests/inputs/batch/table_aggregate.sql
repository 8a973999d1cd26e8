-- Pins aggregation in a batch SELECT over a table: GROUP BY, global aggregates, HAVING, ORDER BY on an aggregate, first/last in insertion order, and an empty input (count 0, sum NULL).
CREATE TABLE payments (account STRING, amount INT, fee DOUBLE, ts TIMESTAMP);
INSERT INTO payments VALUES
  ('acme', 100, 1.5, '2024-04-29 09:00:00'),
  ('globex', 40, NULL, '2024-04-29 09:05:00'),
  ('acme', 60, 0.5, '2024-04-29 08:55:00'),
  ('initech', 15, 0.25, '2024-04-29 10:00:00'),
  ('globex', 80, 2.0, '2024-04-29 09:30:00');
SELECT account, count(*) AS n, count(fee) AS n_fee, sum(amount) AS total, avg(fee) AS avg_fee, min(ts) AS first_ts, max(ts) AS last_ts FROM payments GROUP BY account;
SELECT count(*) AS n, count(fee) AS n_fee, sum(amount) AS total, sum(fee) AS fees, avg(amount) AS avg_amount, min(account) AS min_acc, max(account) AS max_acc FROM payments;
SELECT account, sum(amount) AS total FROM payments GROUP BY account HAVING sum(amount) > 100 ORDER BY total DESC;
SELECT account, first(amount) AS first_amount, last(amount) AS last_amount, first(fee) AS first_fee FROM payments GROUP BY account;
SELECT count(*) AS n, sum(amount) AS total, max(ts) AS last_ts FROM payments WHERE amount > 1000;
SELECT account, count(*) AS n FROM payments WHERE amount > 1000 GROUP BY account;
