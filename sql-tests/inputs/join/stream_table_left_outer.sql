-- Pins LEFT [OUTER] JOIN with the stream on the left and a table on the right: a stream row emits one row per matching table row; a stream row without a match (unknown key, NULL key, or every candidate failing the extra ON condition) is emitted once with NULLs for the table's columns; a NULL key in the table matches nothing.
CREATE SOURCE orders (oid INT, customer_id INT, amount DOUBLE);
CREATE TABLE customers (id INT, name STRING, active BOOLEAN);
INSERT INTO customers VALUES (1, 'ada', true), (2, 'alan', false), (3, 'grace', true), (3, 'hopper', true), (NULL, 'nobody', true);
CREATE QUERY q AS SELECT o.oid, c.name FROM orders o LEFT JOIN customers c ON o.customer_id = c.id;
-- the extra condition is part of the match: 2 (alan, inactive) gets NULLs instead of being dropped
CREATE QUERY q_active AS
  SELECT o.oid, o.amount, c.name, c.active
  FROM orders o LEFT OUTER JOIN customers c ON o.customer_id = c.id AND c.active;
INSERT INTO orders VALUES (10, 1, 5.0), (11, 2, 7.5), (12, 3, 1.25), (13, 9, 2.0), (14, NULL, 3.0);
TRIGGER;
INSERT INTO orders VALUES (15, NULL, 4.0), (16, 2, 0.5);
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_active;
