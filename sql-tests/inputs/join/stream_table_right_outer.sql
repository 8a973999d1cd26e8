-- Pins RIGHT [OUTER] JOIN with the table on the left and the stream on the right: every stream row is kept, unmatched ones (unknown or NULL key) once with NULLs for the table's columns; SELECT * lists the table's columns, then the stream's, as written; an INNER JOIN with the table written first works too.
CREATE TABLE users (id INT, name STRING);
CREATE SOURCE clicks (user_id INT, page STRING);
INSERT INTO users VALUES (1, 'ada'), (2, 'alan'), (2, 'turing'), (NULL, 'nobody');
CREATE QUERY q AS SELECT * FROM users u RIGHT JOIN clicks c ON u.id = c.user_id;
CREATE QUERY q_named AS SELECT c.page, u.name FROM users u RIGHT OUTER JOIN clicks c ON u.id = c.user_id;
CREATE QUERY q_inner AS SELECT u.name, c.page FROM users u INNER JOIN clicks c ON u.id = c.user_id;
INSERT INTO clicks VALUES (1, 'home'), (2, 'cart'), (5, 'help'), (NULL, 'search');
TRIGGER;
INSERT INTO clicks VALUES (2, 'home'), (3, 'cart');
TRIGGER;
SELECT * FROM q;
