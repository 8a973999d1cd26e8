-- Pins Spark's guide example in COMPLETE mode: the whole table every batch, no no-data batches, no late drop (12:04 donkey is counted in [11:55, 12:05) and [12:00, 12:10)).
CREATE SOURCE words (word STRING, ts TIMESTAMP);
CREATE QUERY word_counts AS
  SELECT window.start AS ws, window.end AS we, word, count(*) AS n
  FROM words
  GROUP BY window(ts, '10 minutes', '5 minutes'), word
  WATERMARK ts 10 minutes
  EMIT COMPLETE;
INSERT INTO words VALUES ('dog', '2024-04-29 12:07:00'), ('owl', '2024-04-29 12:08:00');
TRIGGER;
INSERT INTO words VALUES ('dog', '2024-04-29 12:14:00'), ('cat', '2024-04-29 12:09:00');
TRIGGER;
INSERT INTO words VALUES ('cat', '2024-04-29 12:15:00'), ('dog', '2024-04-29 12:08:00'), ('owl', '2024-04-29 12:13:00'), ('owl', '2024-04-29 12:21:00');
TRIGGER;
INSERT INTO words VALUES ('donkey', '2024-04-29 12:04:00'), ('owl', '2024-04-29 12:17:00');
TRIGGER;
