-- Pins abs (keeps type), round (half away from zero, DOUBLE in, DOUBLE out; INT stays INT), floor and ceil (BIGINT for DOUBLE input).
SELECT abs(-5) AS a, abs(-2.5) AS b, abs(3) AS c, abs(0.0) AS d;
SELECT round(2.5) AS r1, round(-2.5) AS r2, round(2.4) AS r3, round(1.25, 1) AS r4, round(-1.25, 1) AS r5, round(3.14159, 2) AS r6, round(0.125, 2) AS r7;
SELECT round(7) AS r_int, round(7, 2) AS r_int2;
SELECT floor(2.7) AS f1, floor(-2.5) AS f2, floor(3.0) AS f3, ceil(2.1) AS c1, ceil(-2.1) AS c2, ceil(4.0) AS c3;
CREATE TABLE prices (item STRING, price DOUBLE);
INSERT INTO prices VALUES ('tea', 3.45), ('cake', -0.5), ('jam', NULL);
SELECT item, round(price) AS r, floor(price) AS f, ceil(price) AS c, abs(price) AS a FROM prices;
