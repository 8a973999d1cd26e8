-- Pins spec §7 for the files sink: each batch's rows are committed to files once, and SELECT * FROM the query reads
-- exactly the committed files (through the sink's manifests). RESTART resumes after the last committed batch and
-- writes nothing twice. DROP QUERY deletes the query's checkpoint but not its output; a query created again over the
-- same path starts at batch 0, so batches 0 to 2 run again (same offsets) and TRIGGER shows what they emit now. The
-- sink has recorded those batch ids as committed and ignores the re-runs: the new filter (amount > 12) would drop row
-- 4 from batch 1, and row 4 stays, because batch 1 is not written again. Only batch 3 is new. (Spark's file sink does
-- the same: reuse a sink path only to continue the query that wrote it.)
CREATE SOURCE orders (id INT, item STRING, amount DOUBLE, ts TIMESTAMP) WITH (max_rows_per_batch = 2);
CREATE QUERY big_orders WITH (sink = 'files', path = 'out/big_orders', format = 'jsonl') AS
  SELECT id, item, amount, ts FROM orders WHERE amount > 10;
INSERT INTO orders VALUES (1, 'tea', 12.5, '2024-04-29 10:00:00'), (2, 'mug', 8.0, '2024-04-29 10:00:01'),
  (3, 'pot, "large"', 40.0, '2024-04-29 10:00:02.125'), (4, NULL, 11.0, '2024-04-29 10:00:03');
TRIGGER;
SELECT * FROM big_orders;
RESTART big_orders;
TRIGGER;
INSERT INTO orders VALUES (5, 'cup', 15.0, '2024-04-29 10:00:04'), (6, 'lid', 2.0, '2024-04-29 10:00:05');
TRIGGER;
RESTART big_orders;
SELECT * FROM big_orders;
DROP QUERY big_orders;
CREATE QUERY big_orders WITH (sink = 'files', path = 'out/big_orders', format = 'jsonl') AS
  SELECT id, item, amount, ts FROM orders WHERE amount > 12;
INSERT INTO orders VALUES (7, 'tray', 30.0, '2024-04-29 10:00:06');
TRIGGER;
SELECT * FROM big_orders;
