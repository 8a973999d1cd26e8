-- The query options trigger and max_rows_per_batch. Golden files run manual triggers only (no wall clock), so
-- trigger = 'manual' (case-insensitive) behaves here as a query without the option: batches run at TRIGGER.
-- max_rows_per_batch caps every source of the query per batch, in place of the source's own cap (10 here): TRIGGER
-- runs data batches of 2 rows back to back, then the no-data batch once no input is left.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP) WITH (max_rows_per_batch = 10);
CREATE QUERY c WITH (trigger = 'MANUAL', max_rows_per_batch = 2) AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00'),
  ('a', '2024-01-01 00:17:00'), ('b', '2024-01-01 00:31:00');
TRIGGER;
SELECT * FROM c;
-- A trigger is an interval (positive), 'once', 'available_now', 'continuous' or 'manual'; the cap a positive count.
CREATE QUERY e1 WITH (trigger = 'sometimes') AS SELECT page FROM clicks;
CREATE QUERY e2 WITH (trigger = '0 seconds') AS SELECT page FROM clicks;
CREATE QUERY e3 WITH (trigger = '-5 seconds') AS SELECT page FROM clicks;
CREATE QUERY e4 WITH (trigger = 5) AS SELECT page FROM clicks;
CREATE QUERY e5 WITH (max_rows_per_batch = 0) AS SELECT page FROM clicks;
CREATE QUERY e6 WITH (max_rows_per_batch = 'lots') AS SELECT page FROM clicks;
SHOW QUERIES;
