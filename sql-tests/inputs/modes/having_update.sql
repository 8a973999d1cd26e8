-- Pins HAVING on a streaming aggregation in UPDATE mode: a group is emitted in a batch only when it changed and passes HAVING.
CREATE SOURCE orders (customer STRING, amount DOUBLE);
CREATE QUERY vip AS
  SELECT customer, sum(amount) AS spent, count(*) AS n
  FROM orders
  GROUP BY customer
  HAVING sum(amount) >= 100;
INSERT INTO orders VALUES ('ann', 60.0), ('bob', 150.0), ('cy', 10.0);
TRIGGER;
INSERT INTO orders VALUES ('ann', 50.0), ('cy', 5.0);
TRIGGER;
SELECT * FROM vip;
