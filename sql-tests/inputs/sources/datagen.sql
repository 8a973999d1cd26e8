-- Pins the datagen connector: deterministic per seed, rows_per_batch splits TRIGGER into several batches.
CREATE SOURCE gen (k BIGINT, v DOUBLE, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 10, seed = 42, rows_per_batch = 4, start = '2024-01-01 00:00:00',
        step = '1 second', 'fields.k.min' = 1, 'fields.k.max' = 3);
CREATE QUERY all_rows AS SELECT k, ts FROM gen;
CREATE QUERY per_k AS SELECT k, count(*) AS n, min(ts) AS first_ts FROM gen GROUP BY k EMIT COMPLETE;
TRIGGER;
SELECT count(*) AS n, min(ts) AS lo, max(ts) AS hi, min(k) AS kmin, max(k) AS kmax FROM all_rows;
INSERT INTO gen VALUES (1, 1.0, '2024-01-01 00:00:00');
