-- Each side of a stream–stream join drops the rows late on its own watermarked time (at or below the watermark),
-- whatever ON bounds: q has no time range, q_other bounds ot, which has no watermark (lt has). A NULL time is not late.
-- batch 0: 1 joins 1 in both. Watermark :30 (q_other, which evicts by its range, runs no-data batch 1).
-- next batch, watermark :30: lt :10 and :30 and rt :29 are late (3 dropped, q_other's kept in q_other_late); the left
-- row with a NULL lt joins both right rows in q, only rt :32 in q_other (ot :31).
-- After a restart the watermark is still :30: lt :20 is late, lt :41 joins rt :42. Watermark :41: q_other evicts.
CREATE SOURCE l (k BIGINT, lt TIMESTAMP, ot TIMESTAMP, WATERMARK FOR lt AS lt);
CREATE SOURCE r (k BIGINT, rt TIMESTAMP, WATERMARK FOR rt AS rt);
CREATE QUERY q AS SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k;
CREATE QUERY q_other WITH (late_rows = 'q_other_late') AS
  SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt BETWEEN l.ot AND l.ot + INTERVAL '5' SECOND;
INSERT INTO l VALUES (1, '2024-01-01 00:00:30', '2024-01-01 00:00:30');
INSERT INTO r VALUES (1, '2024-01-01 00:00:30');
TRIGGER;
INSERT INTO l VALUES (1, '2024-01-01 00:00:10', '2024-01-01 00:00:31'), (1, '2024-01-01 00:00:30', '2024-01-01 00:00:31'), (1, NULL, '2024-01-01 00:00:31');
INSERT INTO r VALUES (1, '2024-01-01 00:00:32'), (1, '2024-01-01 00:00:29');
TRIGGER;
SHOW PROGRESS q LIKE 'batchId|stateOperators*numRows*';
SHOW PROGRESS q_other LIKE 'batchId|stateOperators*numRows*';
SELECT * FROM q_other_late;
RESTART q;
RESTART q_other;
INSERT INTO l VALUES (2, '2024-01-01 00:00:20', '2024-01-01 00:00:40'), (2, '2024-01-01 00:00:41', '2024-01-01 00:00:40');
INSERT INTO r VALUES (2, '2024-01-01 00:00:42');
TRIGGER;
SHOW PROGRESS q_other LIKE 'batchId|stateOperators*numRows*';
