-- Pins tumbling windows: half-open [start, end), a row exactly on a boundary opens the next window.
CREATE SOURCE payments (account STRING, amount INT, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n, sum(amount) AS total
  FROM payments
  GROUP BY window(ts, '10 minutes')
  EMIT COMPLETE;
INSERT INTO payments VALUES
  ('acc1', 100, '2024-04-29 12:00:00'),
  ('acc2', 250, '2024-04-29 12:09:59.999'),
  ('acc1', 75, '2024-04-29 12:10:00'),
  ('acc3', 40, '2024-04-29 12:19:30'),
  ('acc2', 10, '2024-04-29 12:35:00');
TRIGGER;
INSERT INTO payments VALUES ('acc4', 5, '2024-04-29 12:20:00');
TRIGGER;
