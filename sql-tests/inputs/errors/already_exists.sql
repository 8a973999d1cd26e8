-- Pins ALREADY_EXISTS for a second CREATE SOURCE / TABLE / QUERY with a taken name; IF NOT EXISTS is silent; the original objects are untouched.
CREATE SOURCE payments (account STRING, amount INT, ts TIMESTAMP);
CREATE SOURCE payments (id INT);
CREATE SOURCE IF NOT EXISTS payments (id INT);
CREATE TABLE fx (currency STRING, rate DOUBLE);
CREATE TABLE fx (currency STRING);
CREATE QUERY totals AS SELECT account, sum(amount) AS total FROM payments GROUP BY account;
CREATE QUERY totals AS SELECT account FROM payments;
INSERT INTO payments VALUES ('acme', 12, '2024-04-29 10:00:00');
INSERT INTO fx VALUES ('EUR', 1.07);
TRIGGER;
SELECT * FROM fx;
