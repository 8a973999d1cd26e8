-- A string or quoted name that no later quote of its kind closes is a PARSE_ERROR at its quote, and the script goes
-- on after the next `;` (a quote closes at the next one of its kind, though, even statements later).
SELECT 'it''s' AS closed, 'a;b' AS semi, 3 AS "x;y", 4 AS `p;q`;
SELECT "open AS n;
SELECT 2 AS after_name;
SELECT 'open AS s;
SELECT 1 AS after_string;
