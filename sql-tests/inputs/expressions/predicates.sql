-- Pins IS [NOT] NULL, BETWEEN (inclusive, three-valued), IN / NOT IN with NULLs (no match against a list holding NULL gives NULL) and LIKE with % and _.
SELECT NULL IS NULL AS a, 1 IS NULL AS b, 1 IS NOT NULL AS c, NULL IS NOT NULL AS d;
SELECT 5 BETWEEN 1 AND 10 AS a, 10 BETWEEN 1 AND 10 AS b, 11 BETWEEN 1 AND 10 AS c, 0 NOT BETWEEN 1 AND 10 AS d, 5 BETWEEN 1 AND NULL AS e, 0 BETWEEN 1 AND NULL AS f;
SELECT 1 IN (1, 2) AS a, 3 IN (1, 2) AS b, 1 IN (1, NULL) AS c, 2 IN (1, NULL) AS d, 2 NOT IN (1, NULL) AS e, NULL IN (1, 2) AS f, 3 NOT IN (1, 2) AS g;
SELECT 'payment_42' LIKE 'pay%' AS a, 'abc' LIKE 'a_c' AS b, 'abcd' LIKE 'a_c' AS c, 'abc' NOT LIKE '%b%' AS d, 'ABC' LIKE 'abc' AS e, 'x' LIKE '%' AS f, 'ab' LIKE '%b_' AS g;
CREATE TABLE orders (id INT, status STRING, amount DOUBLE, coupon STRING);
INSERT INTO orders VALUES (1, 'paid', 25.0, 'SPRING'), (2, 'shipped', 120.0, NULL), (3, 'cancelled', 40.0, 'SPRING10'), (4, 'paid', 10.0, NULL), (5, NULL, 55.5, 'S');
SELECT id FROM orders WHERE coupon IS NULL;
SELECT id, status FROM orders WHERE status IN ('paid', 'shipped') AND amount BETWEEN 10 AND 100;
SELECT id FROM orders WHERE coupon LIKE 'SPRING_%';
SELECT id FROM orders WHERE status NOT IN ('cancelled');
SELECT id, coupon LIKE 'S%' AS s_coupon FROM orders ORDER BY id;
