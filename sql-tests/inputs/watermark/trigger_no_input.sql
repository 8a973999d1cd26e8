-- Pins that a TRIGGER with no new input for a query runs no batch for it and prints nothing for it.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE SOURCE orders (id INT, amount DOUBLE, ts TIMESTAMP);
CREATE QUERY click_counts AS
  SELECT window.start AS ws, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 1 minute
  EMIT UPDATE;
CREATE QUERY big_orders AS
  SELECT id, amount
  FROM orders
  WHERE amount > 50;
TRIGGER;
INSERT INTO clicks VALUES ('home', '2024-04-29 09:01:00');
TRIGGER;
TRIGGER;
INSERT INTO orders VALUES (1, 75.5, '2024-04-29 09:02:00');
TRIGGER;
TRIGGER;
