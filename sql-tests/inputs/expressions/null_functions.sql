-- Pins coalesce, nullif, and greatest/least skipping NULLs (NULL only when every argument is NULL).
SELECT coalesce(NULL, 2, 3) AS a, coalesce(NULL, 'x') AS b, coalesce(1, NULL) AS c;
SELECT nullif(5, 5) AS a, nullif(5, 3) AS b, nullif('x', 'y') AS c;
SELECT greatest(3, 7, 5) AS g1, greatest(1, NULL, 4) AS g2, least(3, NULL, 2) AS l1, least(2.5, 1.0) AS l2, greatest('apple', 'banana') AS g3, greatest(CAST(NULL AS INT), NULL) AS g4;
CREATE TABLE orders (id INT, coupon STRING, discount DOUBLE);
INSERT INTO orders VALUES (1, 'SPRING', 5.0), (2, NULL, NULL), (3, '', 0.0);
SELECT id, coalesce(coupon, 'none') AS coupon, coalesce(discount, 0.0) AS discount, nullif(discount, 0.0) AS real_discount FROM orders ORDER BY id;
