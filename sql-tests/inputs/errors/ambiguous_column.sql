-- Pins AMBIGUOUS_COLUMN: an unqualified column present in both sides of a join; qualified references resolve.
CREATE TABLE customers (id INT, name STRING);
CREATE TABLE orders (id INT, customer_id INT, total DOUBLE);
INSERT INTO customers VALUES (1, 'ada'), (2, 'alan');
INSERT INTO orders VALUES (10, 1, 25.5), (11, 1, 4.5), (12, 2, 100.0);
SELECT id, name FROM customers JOIN orders ON customers.id = orders.customer_id;
SELECT customers.id AS cid, orders.id AS oid, name, total FROM customers JOIN orders ON customers.id = orders.customer_id;
-- ORDER BY a name two SELECT items share is ambiguous, unless both are the same expression.
CREATE TABLE twice (x INT, g STRING);
INSERT INTO twice VALUES (2, 'a'), (1, 'b');
SELECT x AS a, g AS a FROM twice ORDER BY a;
SELECT x AS a, g AS a FROM twice ORDER BY 1;
SELECT x, x FROM twice ORDER BY x;
