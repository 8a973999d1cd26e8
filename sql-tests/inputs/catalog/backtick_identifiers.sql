-- Spark's backticked identifiers: `name` may hold any character (spaces, a reserved word, `` for a backtick) and
-- resolves like a plain name, without regard to case (as Spark does); "name" keeps its case (SQL). An unclosed
-- backtick is a PARSE_ERROR at its position (its statement still ends at the next `;`); a `;` inside backticks is part
-- of the name.
CREATE TABLE t (id BIGINT, `order` STRING, `My Col` BIGINT);
INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20);
SELECT `Id`, `order`, `my col` AS `Total Sum` FROM t ORDER BY `ID`;
DESCRIBE t;
SELECT `a``b` FROM t;
CREATE TABLE semi (`a;b` BIGINT);
INSERT INTO semi VALUES (7);
SELECT `a;b`, `A;B` + 1 AS `next;` FROM semi;
SELECT `unterminated FROM t;
