-- Pins that a stream-table join reads the table as of each micro-batch: an empty table matches nothing; a TRIGGER after only table changes runs no batch and rows already emitted are never revised; table rows inserted before a TRIGGER (even after that batch's stream rows) are seen by that batch; each batch depends only on its own stream rows and the table at that time.
CREATE SOURCE clicks (user_id INT, page STRING);
CREATE TABLE users (id INT, name STRING);
CREATE QUERY q AS SELECT c.user_id, c.page, u.name FROM clicks c JOIN users u ON c.user_id = u.id;
CREATE QUERY q_left AS SELECT c.user_id, c.page, u.name FROM clicks c LEFT JOIN users u ON c.user_id = u.id;
-- the table is still empty
INSERT INTO clicks VALUES (1, 'home'), (2, 'cart');
TRIGGER;
-- only the table changes: no new stream input, so no batch runs, and the NULL-extended rows above stay as they are
INSERT INTO users VALUES (1, 'ada');
TRIGGER;
INSERT INTO clicks VALUES (1, 'search'), (2, 'home');
-- inserted after the clicks but before the TRIGGER: the batch sees it
INSERT INTO users VALUES (2, 'alan');
TRIGGER;
-- a second row for id 1: later clicks of user 1 match twice, earlier output is unchanged
INSERT INTO users VALUES (1, 'lovelace');
INSERT INTO clicks VALUES (1, 'cart'), (3, 'help');
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_left;
