-- Wending schema, version 1.
--
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Dates are ISO
-- 8601 text (YYYY-MM-DD), timestamps ISO 8601 UTC text, JSON columns are
-- text holding JSON. Character offsets point into articles.text; they are
-- named char_start / char_end because END is reserved in PostgreSQL.

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,           -- content hash (model.article_id)
    name        TEXT NOT NULL DEFAULT '',
    url         TEXT,
    outlet      TEXT,
    published   TEXT,
    lang        TEXT,
    title       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    quoted      BOOLEAN NOT NULL DEFAULT FALSE,
    origin      TEXT NOT NULL DEFAULT '',
    blocks      TEXT NOT NULL DEFAULT '[]', -- JSON: [{"kind", "start", "end"}]
    status      TEXT NOT NULL DEFAULT 'extracted'
                CHECK (status IN ('extracted', 'unsupported_language', 'pending')),
    ingested_at TEXT NOT NULL
);

CREATE INDEX articles_name ON articles (name);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_lang ON articles (lang, published);
CREATE INDEX articles_outlet ON articles (outlet, published);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,       -- order of the event in its article, from 1
    event           TEXT NOT NULL,
    mode            TEXT NOT NULL DEFAULT '',
    context         TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
    quad            INTEGER NOT NULL,
    event_text      TEXT NOT NULL DEFAULT '',
    event_loc       TEXT NOT NULL DEFAULT '',
    date_start      TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    date_text       TEXT,
    quantity_value  DOUBLE PRECISION,
    quantity_high   DOUBLE PRECISION,
    quantity_unit   TEXT,
    quantity_approx BOOLEAN,
    quantity_text   TEXT,
    modality        TEXT NOT NULL,
    speaker_code    TEXT,
    speaker_text    TEXT,
    source_text     TEXT NOT NULL DEFAULT '',
    outlet          TEXT NOT NULL DEFAULT '',
    confidence      DOUBLE PRECISION NOT NULL,
    rules           TEXT NOT NULL DEFAULT '[]',  -- JSON list of rule names
    sentence        INTEGER NOT NULL DEFAULT -1,
    record          TEXT NOT NULL                -- JSON: plover.event_to_plover(event)
);

CREATE UNIQUE INDEX events_article ON events (article_id, position);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_event ON events (event, date_start);

CREATE TABLE event_actors (
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    sector     TEXT NOT NULL DEFAULT '',
    qid        TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',
    char_start INTEGER NOT NULL DEFAULT -1,
    char_end   INTEGER NOT NULL DEFAULT -1,
    PRIMARY KEY (event_id, role, position)
);

CREATE INDEX event_actors_code ON event_actors (code, role, event_id);

CREATE TABLE evidence (
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);

CREATE TABLE stories (
    id              TEXT PRIMARY KEY,
    event           TEXT NOT NULL,
    actor_codes     TEXT NOT NULL DEFAULT '[]',  -- JSON list
    recipient_codes TEXT NOT NULL DEFAULT '[]',  -- JSON list
    first_reported  TEXT,
    outlets         TEXT NOT NULL DEFAULT '[]',  -- JSON list
    modality        TEXT NOT NULL DEFAULT 'asserted'
);

CREATE INDEX stories_first_reported ON stories (first_reported);
CREATE INDEX stories_event ON stories (event, first_reported);

CREATE TABLE story_events (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, event_id)
);

CREATE INDEX story_events_event ON story_events (event_id);
