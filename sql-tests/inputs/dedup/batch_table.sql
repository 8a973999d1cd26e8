-- Pins SELECT DISTINCT in plain batch SELECTs over a table, for contrast with the streaming queries: duplicates removed over all selected columns, NULLs equal each other, ORDER BY and LIMIT apply after DISTINCT, DISTINCT inside a FROM subquery.
CREATE TABLE visits (user_id INT, page STRING);
INSERT INTO visits VALUES (1, 'a'), (1, 'a'), (2, 'a'), (NULL, 'a'), (NULL, 'a'), (3, NULL), (3, NULL), (1, 'b');
SELECT DISTINCT user_id, page FROM visits;
SELECT DISTINCT page FROM visits ORDER BY page;
SELECT DISTINCT user_id FROM visits ORDER BY user_id DESC LIMIT 2;
SELECT count(*) AS n FROM (SELECT DISTINCT user_id, page FROM visits);
