-- Indexes for the queries that must stay fast on millions of events.
--
-- Portable SQL: the same file runs on SQLite and PostgreSQL.
--
-- "Events of actor X in a period" is the commonest question. A period is an
-- overlap test on two columns of events (date_end >= since AND date_start
-- <= until), which no index on events alone answers for one actor: the
-- party rows carry their event's dates too, so that one range scan of
-- event_actors_period finds the events of a code in a role and period
-- without visiting the events that do not match. The store writes the
-- dates with every party row; the UPDATE fills them for rows stored before.
-- The index leads with date_end: scans are short for recent periods, the
-- ones asked for most.

ALTER TABLE event_actors ADD COLUMN date_start TEXT;
ALTER TABLE event_actors ADD COLUMN date_end TEXT;

UPDATE event_actors SET
    date_start = (SELECT e.date_start FROM events e WHERE e.id = event_actors.event_id),
    date_end = (SELECT e.date_end FROM events e WHERE e.id = event_actors.event_id);

-- Replaces event_actors_code (code, role, event_id), a prefix of this one.
DROP INDEX event_actors_code;
CREATE INDEX event_actors_period ON event_actors (code, role, date_end, date_start, event_id);

-- The page of such a query is chosen on the events' sort keys; this index
-- holds them, so the thousands of matches of a busy actor are sorted without
-- reading their rows (and their records).
CREATE UNIQUE INDEX events_page ON events (id, date_start, date_end, article_id, position);
