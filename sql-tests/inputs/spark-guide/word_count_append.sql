-- Pins Spark's guide example (10 min windows sliding 5 min, watermark 10 min) in APPEND mode: each window's final count is emitted once, in the no-data batch whose watermark passes its end; 12:04 donkey is dropped. A fifth batch (12:40 owl) flushes the remaining closed windows.
CREATE SOURCE words (word STRING, ts TIMESTAMP);
CREATE QUERY word_counts AS
  SELECT window.start AS ws, window.end AS we, word, count(*) AS n
  FROM words
  GROUP BY window(ts, '10 minutes', '5 minutes'), word
  WATERMARK ts 10 minutes
  EMIT APPEND;
INSERT INTO words VALUES ('dog', '2024-04-29 12:07:00'), ('owl', '2024-04-29 12:08:00');
TRIGGER;
INSERT INTO words VALUES ('dog', '2024-04-29 12:14:00'), ('cat', '2024-04-29 12:09:00');
TRIGGER;
INSERT INTO words VALUES ('cat', '2024-04-29 12:15:00'), ('dog', '2024-04-29 12:08:00'), ('owl', '2024-04-29 12:13:00'), ('owl', '2024-04-29 12:21:00');
TRIGGER;
INSERT INTO words VALUES ('donkey', '2024-04-29 12:04:00'), ('owl', '2024-04-29 12:17:00');
TRIGGER;
INSERT INTO words VALUES ('owl', '2024-04-29 12:40:00');
TRIGGER;
SELECT * FROM word_counts WHERE word = 'owl' ORDER BY ws;
