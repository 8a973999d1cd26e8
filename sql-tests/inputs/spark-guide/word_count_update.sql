-- Pins Spark's guide example (10 min windows sliding 5 min, watermark 10 min) in UPDATE mode: updated counts per batch, no-data batches after each watermark advance, 12:04 donkey dropped as late.
CREATE SOURCE words (word STRING, ts TIMESTAMP);
CREATE QUERY word_counts AS
  SELECT window.start AS ws, window.end AS we, word, count(*) AS n
  FROM words
  GROUP BY window(ts, '10 minutes', '5 minutes'), word
  WATERMARK ts 10 minutes
  EMIT UPDATE;
INSERT INTO words VALUES ('dog', '2024-04-29 12:07:00'), ('owl', '2024-04-29 12:08:00');
TRIGGER;
INSERT INTO words VALUES ('dog', '2024-04-29 12:14:00'), ('cat', '2024-04-29 12:09:00');
TRIGGER;
INSERT INTO words VALUES ('cat', '2024-04-29 12:15:00'), ('dog', '2024-04-29 12:08:00'), ('owl', '2024-04-29 12:13:00'), ('owl', '2024-04-29 12:21:00');
TRIGGER;
-- 12:04 donkey only belongs to windows ending 12:05 and 12:10, both <= 12:11: dropped; the max stays 12:21, so no no-data batch
INSERT INTO words VALUES ('donkey', '2024-04-29 12:04:00'), ('owl', '2024-04-29 12:17:00');
TRIGGER;
SELECT * FROM word_counts;
