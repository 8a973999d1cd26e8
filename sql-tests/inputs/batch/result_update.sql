-- Pins SELECT over an UPDATE query's result table: it holds the latest row per group key (rows of evicted windows stay).
CREATE SOURCE rides (city STRING, fare DOUBLE, ts TIMESTAMP);
CREATE QUERY fares AS
  SELECT window.start AS ws, city, count(*) AS n, max(fare) AS top_fare
  FROM rides
  GROUP BY window(ts, '15 minutes'), city
  WATERMARK ts 5 minutes
  EMIT UPDATE;
INSERT INTO rides VALUES ('oslo', 12.5, '2024-04-29 18:01:00'), ('lima', 8.0, '2024-04-29 18:07:00');
TRIGGER;
INSERT INTO rides VALUES ('oslo', 20.0, '2024-04-29 18:14:00'), ('oslo', 9.5, '2024-04-29 18:25:00');
TRIGGER;
SELECT * FROM fares;
INSERT INTO rides VALUES ('oslo', 30.0, '2024-04-29 18:26:00');
TRIGGER;
SELECT ws, n, top_fare FROM fares WHERE city = 'oslo' ORDER BY ws DESC;
