-- Pins RESTART of a stateless query: it resumes after the last committed batch (no row is emitted twice), batch ids continue, the result table survives.
CREATE SOURCE orders (id INT, amount DOUBLE, ts TIMESTAMP);
CREATE QUERY big_orders AS
  SELECT id, amount
  FROM orders
  WHERE amount > 100;
INSERT INTO orders VALUES (1, 250.0, '2024-04-29 11:00:00'), (2, 80.0, '2024-04-29 11:00:01');
TRIGGER;
RESTART big_orders;
TRIGGER;
INSERT INTO orders VALUES (3, 100.5, '2024-04-29 11:00:02');
TRIGGER;
RESTART big_orders;
SELECT * FROM big_orders;
