-- Pins three-valued logic: the full AND / OR / NOT truth table over TRUE, FALSE and NULL, and WHERE keeping only rows whose condition is TRUE.
CREATE TABLE tv (a BOOLEAN, b BOOLEAN);
INSERT INTO tv VALUES (true, true), (true, false), (true, NULL), (false, true), (false, false), (false, NULL), (NULL, true), (NULL, false), (NULL, NULL);
SELECT a, b, a AND b AS a_and_b, a OR b AS a_or_b, NOT a AS not_a FROM tv;
SELECT count(*) AS n FROM tv WHERE a OR b;
SELECT count(*) AS n FROM tv WHERE NOT (a AND b);
SELECT a, b FROM tv WHERE a IS NULL AND NOT b;
