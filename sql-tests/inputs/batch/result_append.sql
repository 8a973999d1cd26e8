-- Pins SELECT over an APPEND query's result table: it accumulates every emitted row; WHERE, ORDER BY, LIMIT and aggregates apply to it like to a table.
CREATE SOURCE rides (city STRING, fare DOUBLE, ts TIMESTAMP);
CREATE QUERY fares AS
  SELECT window.start AS ws, city, count(*) AS n, sum(fare) AS revenue
  FROM rides
  GROUP BY window(ts, '15 minutes'), city
  WATERMARK ts 5 minutes
  EMIT APPEND;
SELECT * FROM fares;
INSERT INTO rides VALUES
  ('oslo', 12.5, '2024-04-29 18:01:00'), ('lima', 8.0, '2024-04-29 18:07:00'),
  ('oslo', 20.0, '2024-04-29 18:14:00'), ('oslo', 9.5, '2024-04-29 18:16:00');
TRIGGER;
INSERT INTO rides VALUES ('lima', 15.25, '2024-04-29 18:29:00'), ('oslo', 7.0, '2024-04-29 18:40:00');
TRIGGER;
SELECT * FROM fares;
SELECT city, revenue FROM fares WHERE city = 'oslo' ORDER BY revenue DESC LIMIT 1;
SELECT city, sum(revenue) AS total, sum(n) AS rides FROM fares GROUP BY city;
