-- Pins stateless queries (filter and projection): default APPEND, each batch emits the rows it produced; a batch whose rows are all filtered out still prints its header.
CREATE SOURCE payments (id INT, account STRING, amount DOUBLE, ts TIMESTAMP);
CREATE QUERY large AS
  SELECT id, upper(account) AS account, amount * 2 AS doubled
  FROM payments
  WHERE amount >= 100.0;
CREATE QUERY acme AS
  SELECT id, ts
  FROM payments
  WHERE account = 'acme'
  EMIT APPEND;
INSERT INTO payments VALUES
  (1, 'acme', 150.0, '2024-04-29 10:00:00'),
  (2, 'globex', 99.99, '2024-04-29 10:00:01'),
  (3, 'initech', 100.0, '2024-04-29 10:00:02');
TRIGGER;
INSERT INTO payments VALUES (4, 'acme', 5.5, '2024-04-29 10:00:03');
TRIGGER;
INSERT INTO payments VALUES (5, 'umbrella', 1250.25, '2024-04-29 10:00:04'), (6, 'acme', 100.5, '2024-04-29 10:00:05');
TRIGGER;
SELECT * FROM large ORDER BY id;
