-- Pins streaming aggregates: count(*), count(x) ignoring NULL, sum (BIGINT for INT, DOUBLE for DOUBLE, NULL when all inputs NULL), avg (DOUBLE), max keeping INT, min/max of TIMESTAMP and STRING, first/last in arrival order across batches (a NULL can be first or last).
CREATE SOURCE readings (sensor STRING, temp DOUBLE, reading INT, note STRING, ts TIMESTAMP);
CREATE QUERY stats AS
  SELECT sensor, count(*) AS n, count(temp) AS n_temp, sum(reading) AS sum_r, max(reading) AS max_r, sum(temp) AS sum_t, avg(temp) AS avg_t
  FROM readings
  GROUP BY sensor
  EMIT COMPLETE;
CREATE QUERY notes AS
  SELECT sensor, min(ts) AS min_ts, max(ts) AS max_ts, min(note) AS min_note, max(note) AS max_note, first(note) AS first_note, last(note) AS last_note
  FROM readings
  GROUP BY sensor
  EMIT COMPLETE;
INSERT INTO readings VALUES
  ('s1', 20.5, 3, NULL, '2024-04-29 08:00:00'),
  ('s1', NULL, 4, 'warm', '2024-04-29 08:05:00'),
  ('s2', 18.25, NULL, 'cold', '2024-04-29 08:02:00'),
  ('s1', 21.5, 5, 'ok', '2024-04-29 07:59:00');
TRIGGER;
INSERT INTO readings VALUES
  ('s2', 19.75, 10, NULL, '2024-04-29 08:10:00'),
  ('s1', 23.0, 1, 'alarm', '2024-04-29 08:03:00');
TRIGGER;
