-- Pins CREATE TABLE + INSERT (appending, with an optional column list) + SELECT over a table: rows sorted as strings without ORDER BY, WHERE, ORDER BY (ASC/DESC) and LIMIT.
CREATE TABLE accounts (id INT, name STRING, balance DOUBLE, opened TIMESTAMP);
INSERT INTO accounts VALUES
  (1, 'acme', 1200.5, '2023-01-15 09:00:00'),
  (2, 'globex', 80.0, '2023-06-01 12:30:00'),
  (3, 'initech', 0.0, '2024-02-29 17:45:00');
INSERT INTO accounts VALUES (10, 'umbrella', 99999.99, '2022-11-11 11:11:11'), (4, 'hooli', -15.25, '2024-04-01 00:00:00');
INSERT INTO accounts (id, name) VALUES (11, 'pending');
SELECT * FROM accounts;
SELECT name, balance FROM accounts WHERE balance > 50 ORDER BY balance DESC;
SELECT id FROM accounts ORDER BY id LIMIT 3;
SELECT name AS account, opened FROM accounts WHERE opened >= '2023-06-01 12:30:00' ORDER BY opened DESC LIMIT 2;
SELECT id, name FROM accounts WHERE balance IS NULL OR balance < 0;
