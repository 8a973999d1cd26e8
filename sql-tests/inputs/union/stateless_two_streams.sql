-- Pins a stateless UNION ALL of two streams: output names come from the first SELECT, INT with BIGINT widens to BIGINT and INT with DOUBLE to DOUBLE, WHERE applies per branch, each TRIGGER runs one batch over the new rows of both inputs (also when only one input got rows), default APPEND.
CREATE SOURCE web (id INT, amount INT, ts TIMESTAMP);
CREATE SOURCE shop (order_id BIGINT, total DOUBLE, ts TIMESTAMP);
CREATE QUERY sales AS
  SELECT id, amount, 'web' AS channel FROM web
  UNION ALL
  SELECT order_id, total, 'shop' FROM shop WHERE total > 10;
INSERT INTO web VALUES (1, 20, '2024-05-01 10:00:00'), (2, 5, '2024-05-01 10:00:01');
INSERT INTO shop VALUES (100, 12.5, '2024-05-01 10:00:02'), (101, 3.0, '2024-05-01 10:00:03');
TRIGGER;
-- only shop has new rows: one batch, with the rows of shop
INSERT INTO shop VALUES (102, 40.25, '2024-05-01 10:00:04');
TRIGGER;
TRIGGER;
INSERT INTO web VALUES (3, 7, '2024-05-01 10:00:05');
INSERT INTO shop VALUES (103, 1.5, '2024-05-01 10:00:06');
TRIGGER;
-- every row of this batch is filtered out: the header is still printed
INSERT INTO shop VALUES (104, 2.0, '2024-05-01 10:00:07');
TRIGGER;
SELECT * FROM sales ORDER BY id;
