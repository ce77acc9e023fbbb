-- PostgreSQL twin of 002_fts.sqlite.sql: full-text search over article title
-- and text, in a tsvector column with a GIN index.
--
-- Matching follows SQLite's FTS5 (tokenize = unicode61 remove_diacritics 2).
-- Both the column and every query go through wending_fold, which lowercases,
-- takes the diacritics off Latin letters and turns punctuation into spaces,
-- so a word is a run of letters and digits, as in FTS5 (PostgreSQL's parser
-- would otherwise keep "noord-koreaanse", "nos.nl" or "1.5" whole). The
-- 'simple' configuration neither stems nor drops stop words. A query term is
-- a phrase of its words, terms are ANDed and a trailing * is a prefix
-- (wending_tsquery; the store splits the query with queries.fts_terms).
--
-- The columns the store sorts or compares by range get the "C" collation:
-- byte order, as SQLite sorts, whatever the database's locale.

CREATE FUNCTION wending_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(translate(
        value,
        -- Latin letters with diacritics ...
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ'
        || 'ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő'
        || 'ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛ'
        || 'ǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯ'
        || 'ȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷ'
        || 'ḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳ'
        || 'ṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴ'
        || 'ẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰ'
        || 'ựỲỳỴỵỶỷỸỹ'
        -- ... punctuation, symbols and spaces (ASCII, Latin-1, general) ...
        || U&'\0021\0022\0023\0024\0025\0026\0027\0028\0029\002A\002B\002C'
        || U&'\002D\002E\002F\003A\003B\003C\003D\003E\003F\0040\005B\005C'
        || U&'\005D\005E\005F\0060\007B\007C\007D\007E\00A0\00A1\00A2\00A3'
        || U&'\00A4\00A5\00A6\00A7\00A8\00A9\00AB\00AC\00AE\00AF\00B0\00B1'
        || U&'\00B4\00B6\00B7\00B8\00BB\00BF\00D7\00F7\2000\2001\2002\2003'
        || U&'\2004\2005\2006\2007\2008\2009\200A\2010\2011\2012\2013\2014'
        || U&'\2015\2016\2017\2018\2019\201A\201B\201C\201D\201E\201F\2020'
        || U&'\2021\2022\2023\2024\2025\2026\2027\2028\2029\202F\2030\2031'
        || U&'\2032\2033\2034\2035\2036\2037\2038\2039\203A\203B\203C\203D'
        || U&'\203E\203F\2040\2041\2042\2043\2044\2045\2046\2047\2048\2049'
        || U&'\204A\204B\204C\204D\204E\204F\2050\2051\2052\2053\2054\2055'
        || U&'\2056\2057\2058\2059\205A\205B\205C\205D\205E\205F\20A0\20A1'
        || U&'\20A2\20A3\20A4\20A5\20A6\20A7\20A8\20A9\20AA\20AB\20AC\20AD'
        || U&'\20AE\20AF\20B0\20B1\20B2\20B3\20B4\20B5\20B6\20B7\20B8\20B9'
        || U&'\20BA\20BB\20BC\20BD\20BE\20BF\20C0'
        -- ... and combining diacritical marks (decomposed text): dropped.
        || U&'\0300\0301\0302\0303\0304\0305\0306\0307\0308\0309\030A\030B'
        || U&'\030C\030D\030E\030F\0310\0311\0312\0313\0314\0315\0316\0317'
        || U&'\0318\0319\031A\031B\031C\031D\031E\031F\0320\0321\0322\0323'
        || U&'\0324\0325\0326\0327\0328\0329\032A\032B\032C\032D\032E\032F'
        || U&'\0330\0331\0332\0333\0334\0335\0336\0337\0338\0339\033A\033B'
        || U&'\033C\033D\033E\033F\0340\0341\0342\0343\0344\0345\0346\0347'
        || U&'\0348\0349\034A\034B\034C\034D\034E\034F\0350\0351\0352\0353'
        || U&'\0354\0355\0356\0357\0358\0359\035A\035B\035C\035D\035E\035F'
        || U&'\0360\0361\0362\0363\0364\0365\0366\0367\0368\0369\036A\036B'
        || U&'\036C\036D\036E\036F',
        -- the base letters ...
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaC'
        || 'cCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo'
        || 'RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuU'
        || 'uAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOo'
        || 'OoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLl'
        || 'LlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUu'
        || 'UuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwysAaAaAaAaAaAaAaAaAaAaA'
        || 'aAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuU'
        || 'uYyYyYyYy'
        -- ... and a space for each punctuation mark
        || '                                                                                                                                                                               '
    ))
$$;

CREATE FUNCTION wending_tsquery(term text, prefix boolean) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN prefix AND numnode(q) > 0 THEN (q::text || ':*')::tsquery ELSE q END
    FROM phraseto_tsquery('simple'::regconfig, wending_fold(term)) AS q
$$;

ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, wending_fold(title || ' ' || text))
) STORED;

CREATE INDEX articles_fts ON articles USING gin (fts);

ALTER TABLE articles
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN name TYPE text COLLATE "C",
    ALTER COLUMN published TYPE text COLLATE "C",
    ALTER COLUMN ingested_at TYPE text COLLATE "C";
ALTER TABLE events
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN article_id TYPE text COLLATE "C",
    ALTER COLUMN date_start TYPE text COLLATE "C",
    ALTER COLUMN date_end TYPE text COLLATE "C";
ALTER TABLE event_actors ALTER COLUMN event_id TYPE text COLLATE "C";
ALTER TABLE evidence ALTER COLUMN event_id TYPE text COLLATE "C";
ALTER TABLE stories
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN first_reported TYPE text COLLATE "C";
ALTER TABLE story_events
    ALTER COLUMN story_id TYPE text COLLATE "C",
    ALTER COLUMN event_id TYPE text COLLATE "C";
