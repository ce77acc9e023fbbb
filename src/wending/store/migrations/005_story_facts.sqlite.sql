-- Story facts: what the timeline and the actor network count, one row per
-- story and fact, so that they are answered by GROUP BY over an index
-- instead of reading every story with its events. PostgreSQL runs its twin,
-- 005_story_facts.postgresql.sql (the same tables, with byte-order text).
--
-- Every row carries its story's day (analyze.facts.story_day: the earliest
-- day of its events, else its first report; NULL when neither is known) and
-- the PLOVER quad of the story's type. Kinds of rows:
--
--   story  one per story (source and target empty)
--   type   one per event type of the story or of one of its events (source)
--   party  one per actor code of the story (source), with the name its
--          events give that actor most often (name) and how often (n)
--   link   one per directed link (analyze.facts.directed) of its events:
--          source -> target, with how many events (n) and their ids (events,
--          space-separated, in story order)
--
-- story_fact_days counts the dated rows per day (kind, source, target, quad
-- and name): stories, and the mentions of the name (for a link: its events).
-- The timeline of an actor, a type or everything, and the actors and edges
-- of a period read these rows, fewer than the facts where stories crowd.
--
-- The store writes a story's facts with the story, in its transaction
-- (store/stories.py); stories stored before this migration get theirs in
-- the same transaction as this file (migrate.py runs the backfill).
--
-- unmerged_events holds the events that no story holds yet, so that the
-- merge before every analysis read finds them (or that there are none)
-- without scanning all events.

CREATE TABLE story_facts (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('story', 'type', 'party', 'link')),
    source   TEXT NOT NULL DEFAULT '',
    target   TEXT NOT NULL DEFAULT '',
    day      TEXT,
    quad     INTEGER NOT NULL,
    name     TEXT NOT NULL DEFAULT '',
    n        INTEGER NOT NULL DEFAULT 1,
    events   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (story_id, kind, source, target)
);

-- A code, type or pair by day: timelines, the events of a network edge.
CREATE INDEX story_facts_key ON story_facts (kind, source, target, day, story_id, quad);
-- Everything of one kind by day: the network of a period.
CREATE INDEX story_facts_day ON story_facts (kind, day, source, target, quad, story_id, n, name);

CREATE TABLE story_fact_days (
    kind     TEXT NOT NULL,
    source   TEXT NOT NULL DEFAULT '',
    target   TEXT NOT NULL DEFAULT '',
    day      TEXT NOT NULL,
    quad     INTEGER NOT NULL,
    name     TEXT NOT NULL DEFAULT '',
    stories  INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (kind, source, target, day, quad, name)
);

CREATE INDEX story_fact_days_day
    ON story_fact_days (kind, day, source, target, name, quad, stories, mentions);

CREATE TABLE unmerged_events (
    event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE
);

INSERT INTO unmerged_events (event_id)
SELECT e.id FROM events e
WHERE NOT EXISTS (SELECT 1 FROM story_events se WHERE se.event_id = e.id);
