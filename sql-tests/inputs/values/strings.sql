-- Pins STRING rendering: backslash, TAB and newline are written \\, \t and \n (string literals take Spark's backslash escapes; a raw newline inside a literal is kept).
SELECT 'tab\there' AS t, length('tab\there') AS n;
SELECT 'line1\nline2' AS s, length('line1\nline2') AS n;
SELECT 'C:\\tidemark' AS p, length('C:\\tidemark') AS n;
CREATE TABLE notes (id INT, body STRING);
INSERT INTO notes VALUES (1, 'first line
second line'), (2, 'café, naïve'), (3, '  spaced  '), (4, NULL);
SELECT id, body, length(body) AS n FROM notes ORDER BY id;
