-- Pins TIMESTAMP rendering: 'YYYY-MM-DD HH:MM:SS' plus the fraction without trailing zeros (down to microseconds), pre-1970 values, NULL, and ORDER BY with NULLs first.
CREATE TABLE ev (id INT, ts TIMESTAMP);
INSERT INTO ev VALUES
  (1, '2024-01-01 00:00:00.5'),
  (2, '2024-01-01 00:00:00.123456'),
  (3, '2024-01-01 00:00:00.120'),
  (4, TIMESTAMP '2024-01-01 23:59:59.999'),
  (5, '2024-01-01 00:00:00'),
  (6, '2024-01-01 00:00:00.000001'),
  (7, NULL);
SELECT id, ts FROM ev ORDER BY id;
SELECT id FROM ev ORDER BY ts;
SELECT TIMESTAMP '1969-12-31 23:59:59.5' AS pre_epoch, TIMESTAMP '2024-02-29 23:59:59' AS leap_day, TIMESTAMP '2000-03-01 00:00:00.01' AS y2k;
