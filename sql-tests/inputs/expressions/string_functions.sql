-- Pins upper, lower, length, substring (1-based, optional length, negative position from the end), concat and || (NULL if any argument is NULL), trim, and string comparisons (binary order).
SELECT upper('Tide') AS u, lower('MARK') AS l, length('stream') AS n, length('') AS z, length(NULL) AS nl;
SELECT substring('streaming', 1, 6) AS a, substring('streaming', 7) AS b, substring('streaming', 3, 2) AS c, substring('streaming', -3) AS d, substring('streaming', 8, 10) AS e;
SELECT concat('tide', 'mark') AS a, concat('a', NULL, 'b') AS b, 'tide' || 'mark' AS c, 'x' || NULL AS d, concat('id-', 42) AS e, 'v' || 2 || '.' || 0 AS f;
SELECT trim('  padded  ') AS t, length(trim('  padded  ')) AS n, '[' || trim('  a b  ') || ']' AS b;
SELECT 'apple' < 'banana' AS a, 'Zebra' < 'apple' AS b, 'abc' = 'abc' AS c, 'abc' <> 'abd' AS d, 'b' > 'abc' AS e, 'a' < NULL AS f, 'abc' >= 'ab' AS g;
CREATE TABLE users (id INT, first_name STRING, last_name STRING);
INSERT INTO users VALUES (1, 'ada', 'Lovelace'), (2, 'Alan', 'Turing'), (3, 'grace', NULL);
SELECT id, upper(substring(first_name, 1, 1)) || lower(substring(first_name, 2)) AS fname, concat(first_name, ' ', last_name) AS full_name, length(last_name) AS n FROM users;
SELECT first_name FROM users WHERE first_name > 'B' ORDER BY first_name;
