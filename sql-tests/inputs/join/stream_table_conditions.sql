-- Pins extra conditions in the ON clause of a stream-table join (a table-side flag, a comparison across both sides; a NULL comparison is not a match) and WHERE after the join: WHERE filters joined rows (on either side's columns); after a LEFT JOIN, a condition in ON yields NULL-extended rows while WHERE ... IS NULL keeps only the stream rows without a match; select lists with expressions over both sides.
CREATE SOURCE payments (pid INT, account INT, amount DOUBLE);
CREATE TABLE accounts (id INT, owner STRING, limit_amount DOUBLE, active BOOLEAN);
INSERT INTO accounts VALUES (1, 'ada', 100.0, true), (2, 'alan', 50.0, true), (3, 'grace', 10.0, false), (4, 'hopper', 20.0, true);
-- payments above the limit of an active account
CREATE QUERY over_limit AS
  SELECT p.pid, a.owner, p.amount - a.limit_amount AS excess
  FROM payments p JOIN accounts a ON p.account = a.id AND a.active AND p.amount > a.limit_amount;
CREATE QUERY big AS
  SELECT p.pid, upper(a.owner) AS who, p.amount * 2 AS doubled
  FROM payments p JOIN accounts a ON p.account = a.id
  WHERE p.amount >= 20 AND a.owner <> 'alan';
-- payments without an active account
CREATE QUERY no_active AS
  SELECT p.pid, p.account
  FROM payments p LEFT JOIN accounts a ON p.account = a.id AND a.active
  WHERE a.id IS NULL;
CREATE QUERY left_limit AS
  SELECT p.pid, a.owner
  FROM payments p LEFT JOIN accounts a ON p.account = a.id AND p.amount > a.limit_amount;
-- 7 is exactly at alan's limit (not above it); 8 has a NULL amount
INSERT INTO payments VALUES (1, 1, 150.0), (2, 2, 20.0), (3, 3, 30.0), (4, 4, 25.0), (5, 9, 500.0), (6, NULL, 1.0), (7, 2, 50.0), (8, 1, NULL);
TRIGGER;
