-- SQLite only: full-text search over article title and text (FTS5).
--
-- The index keeps its own copy of the text, keyed by article id: an
-- external-content table would need a stable integer rowid, which a table
-- with a TEXT primary key does not have (VACUUM may renumber it). Triggers
-- keep the index in step with the articles table.
-- PostgreSQL runs its twin, 002_fts.postgresql.sql: a tsvector column.

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    article_id UNINDEXED,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO articles_fts (article_id, title, text)
SELECT id, title, text FROM articles;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
    INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
END;
