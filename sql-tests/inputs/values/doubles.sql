-- Pins DOUBLE rendering: shortest round-trip digits, '.0' on integral values, negatives, and IEEE results of division by zero (Infinity, -Infinity, NaN).
SELECT 3.0 AS a, 0.1 AS b, -2.5 AS c, 1.0 / 3 AS d, 0.1 + 0.2 AS e, 1.5 * 1000000 AS f;
SELECT 1.0 / 0 AS pos_inf, -1.0 / 0 AS neg_inf, 0.0 / 0 AS nan, 1 / 0 AS int_div;
CREATE TABLE measurements (id INT, v DOUBLE);
INSERT INTO measurements VALUES (1, 123456789.125), (2, -0.75), (3, 100), (4, NULL), (5, 0.002);
SELECT id, v, v * 2 AS twice FROM measurements ORDER BY id;
