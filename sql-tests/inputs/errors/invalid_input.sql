-- Pins INVALID_INPUT for values that cannot be stored ('abc' into TIMESTAMP or INT, NULL into NOT NULL): the whole INSERT is rejected, nothing is half-applied, and later inserts work.
CREATE SOURCE payments (id INT NOT NULL, amount DOUBLE, ts TIMESTAMP);
CREATE QUERY all_payments AS SELECT id, amount, ts FROM payments;
INSERT INTO payments VALUES (1, 10.0, '2024-04-29 10:00:00'), (2, 20.0, 'abc');
INSERT INTO payments VALUES ('abc', 5.0, '2024-04-29 10:01:00');
INSERT INTO payments VALUES (4, 1.0, '2024-04-29 10:01:30'), (NULL, 5.0, '2024-04-29 10:02:00');
INSERT INTO payments VALUES (3, 30, '2024-04-29 10:03:00');
TRIGGER;
CREATE TABLE users (id INT NOT NULL, name STRING, since TIMESTAMP);
INSERT INTO users VALUES (1, 'ada', '2024-01-01 00:00:00'), (NULL, 'alan', '2024-01-02 00:00:00');
INSERT INTO users VALUES (2, 'grace', 'yesterday');
SELECT * FROM users;
INSERT INTO users VALUES (5, 'edsger', '2024-01-05 00:00:00');
SELECT * FROM users;
