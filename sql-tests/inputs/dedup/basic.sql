-- Pins SELECT DISTINCT over a stream without a watermark: default APPEND; a row is emitted once, in the batch where its key (all selected columns, NULLs equal to each other) is first seen; duplicates within a batch and across batches are suppressed; unselected columns do not tell rows apart; a batch of only known keys still prints its header; the watermark stays none and no no-data batch runs.
CREATE SOURCE clicks (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE QUERY q AS SELECT DISTINCT user_id, page FROM clicks;
CREATE QUERY q_pages AS
  SELECT DISTINCT page
  FROM clicks;
-- (1, home) and (NULL, home) come twice in the batch: each is emitted once
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (1, 'home', '2024-05-01 10:00:01'), (2, 'home', '2024-05-01 10:00:02'), (1, 'cart', '2024-05-01 10:00:03'), (NULL, 'home', '2024-05-01 10:00:04'), (NULL, 'home', '2024-05-01 10:00:05');
TRIGGER;
-- every row repeats a key of batch 0 (only the unselected ts differs): both queries run a batch that emits nothing
INSERT INTO clicks VALUES (2, 'home', '2024-05-01 10:01:00'), (NULL, 'home', '2024-05-01 10:01:01'), (1, 'cart', '2024-05-01 10:01:02');
TRIGGER;
-- NULL page: (1, NULL) and (NULL, NULL) are new keys, each emitted once; q_pages emits NULL once
INSERT INTO clicks VALUES (1, NULL, '2024-05-01 10:02:00'), (NULL, NULL, '2024-05-01 10:02:01'), (1, NULL, '2024-05-01 10:02:02'), (NULL, NULL, '2024-05-01 10:02:03'), (3, 'cart', '2024-05-01 10:02:04'), (1, 'home', '2024-05-01 10:02:05');
TRIGGER;
TRIGGER;
INSERT INTO clicks VALUES (NULL, NULL, '2024-05-01 10:03:00'), (1, NULL, '2024-05-01 10:03:01'), (NULL, 'cart', '2024-05-01 10:03:02');
TRIGGER;
SHOW QUERIES;
SELECT * FROM q;
SELECT * FROM q_pages;
