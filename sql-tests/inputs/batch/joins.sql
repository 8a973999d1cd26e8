-- Pins batch joins over tables: inner, left, right, full outer and cross, with NULL keys never matching.
CREATE TABLE customers (id INT, name STRING);
CREATE TABLE orders (oid INT, customer_id INT, total DOUBLE);
INSERT INTO customers VALUES (1, 'ada'), (2, 'alan'), (3, 'grace'), (NULL, 'nobody');
INSERT INTO orders VALUES (10, 1, 25.5), (11, 1, 4.5), (12, 2, 100.0), (13, 9, 1.0), (14, NULL, 2.0);
SELECT name, oid, total FROM customers c JOIN orders o ON c.id = o.customer_id;
SELECT name, oid FROM customers c LEFT JOIN orders o ON c.id = o.customer_id;
SELECT name, oid FROM customers c RIGHT OUTER JOIN orders o ON c.id = o.customer_id;
SELECT name, oid FROM customers c FULL JOIN orders o ON c.id = o.customer_id;
SELECT name, oid FROM customers c JOIN orders o ON c.id = o.customer_id AND o.total > 10;
SELECT count(*) AS pairs FROM customers CROSS JOIN orders;
SELECT c.name, sum(o.total) AS spent FROM customers c JOIN orders o ON c.id = o.customer_id GROUP BY c.name ORDER BY spent DESC;
