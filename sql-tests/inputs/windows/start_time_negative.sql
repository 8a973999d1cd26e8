-- Pins a negative startTime on a sliding window: window(ts, '10 minutes', '5 minutes', '-2 minutes') starts windows at :03, :08, :13, ... (floor modulo).
CREATE SOURCE orders (id INT, ts TIMESTAMP);
CREATE QUERY shifted AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM orders
  GROUP BY window(ts, '10 minutes', '5 minutes', '-2 minutes')
  EMIT COMPLETE;
INSERT INTO orders VALUES (1, '2024-04-29 12:07:00'), (2, '2024-04-29 12:03:00'), (3, '2024-04-29 12:12:30');
TRIGGER;
