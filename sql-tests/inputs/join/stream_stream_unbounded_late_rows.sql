-- An inner join of two streams with no time range keeps both sides without bound, but each side still drops the
-- rows late on its watermarked time (here lt and rt, which no column above reads): late_rows keeps them.
CREATE SOURCE l (k BIGINT, lt TIMESTAMP, WATERMARK FOR lt AS lt);
CREATE SOURCE r (k BIGINT, rt TIMESTAMP, WATERMARK FOR rt AS rt);
CREATE QUERY q WITH (late_rows = 'q_late') AS SELECT l.k FROM l JOIN r ON l.k = r.k;
CREATE QUERY p AS SELECT l.k FROM l JOIN r ON l.k = r.k;
INSERT INTO l VALUES (1, '2024-01-01 00:00:30');
INSERT INTO r VALUES (1, '2024-01-01 00:00:30');
TRIGGER;
INSERT INTO l VALUES (1, '2024-01-01 00:00:10'), (1, '2024-01-01 00:00:31');
INSERT INTO r VALUES (1, '2024-01-01 00:00:20');
TRIGGER;
SELECT * FROM q_late;
