-- How long an event may have lasted, on its party rows, so that "events of
-- actor X in a period" reads only the party rows that can overlap the
-- period. PostgreSQL runs its twin, 006_event_spans.postgresql.sql.
--
-- A period test is date_end >= since AND date_start <= until. The index
-- event_actors_period (migration 004) finds date_end >= since in one range,
-- but that range runs to the newest event: for a period two years back it
-- held nearly every row of the actor. An event of at most S days that
-- starts by `until` ends by until + S, so per class of span (0: up to 7
-- days, 1: up to 31, 2: up to 366, 3: longer; NULL: no date) the store
-- reads date_end from `since` to until + S (queries.SPAN_DAYS), one short
-- range each, and only class 3 (rare) to the end.

ALTER TABLE event_actors ADD COLUMN span INTEGER;

UPDATE event_actors SET span = CASE
    WHEN date_start IS NULL OR date_end IS NULL THEN NULL
    WHEN julianday(date_end) - julianday(date_start) <= 7 THEN 0
    WHEN julianday(date_end) - julianday(date_start) <= 31 THEN 1
    WHEN julianday(date_end) - julianday(date_start) <= 366 THEN 2
    ELSE 3
END;

DROP INDEX event_actors_period;
CREATE INDEX event_actors_period ON event_actors (code, role, span, date_end, date_start, event_id);
