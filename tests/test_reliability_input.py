"""Bad input through the whole ingest (issue 8, point 1).

Every case runs ``wending.library.ingest`` on a SQLite store that already
holds a good article with its events, with the bad input first and a good
article after it in the same batch. Each must give one error line naming the
input and the problem, the good article after it must be stored (the batch
goes on), and the earlier article and its events must be unchanged (nothing
stored is lost).

How each kind of input is read in detail (encodings, truncation, entity
bombs, feeds, JSON Lines, size cap, URLs) is tested at the reader level in
tests/test_ingest.py and tests/test_ingest_fetch.py; this file adds the
store's side and the cases those files do not cover.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from wending import library
from wending.errors import KnowledgeBaseError
from wending.library import IngestReport
from wending.pipeline import Pipeline
from wending.plover import event_to_plover
from wending.settings import Settings
from wending.store import EventQuery, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EARLIER = "Rusland viel dinsdag Oekraïne aan met drieduizend soldaten.\nBron: ANP\n"
AFTER = "China stuurde vorige week hulp naar Noord-Korea, meldt Peking.\n"
DUTCH = "Oekraïne en Zuidland: „Wij willen geen oorlog”, zegt één café-eigenaar in Brussel."
GERMAN = (
    "Die russische Armee hat am Dienstag die Ukraine angegriffen, sagte ein Sprecher der "
    "Regierung in Berlin. Die Bundesregierung verurteilte den Angriff scharf.\n"
)
FINNISH = (
    "Venäjän armeija hyökkäsi tiistaina Ukrainaan, kertoi hallituksen tiedottaja. "
    "Suomen hallitus tuomitsi hyökkäyksen jyrkästi ja vaati joukkojen vetäytymistä.\n"
)


@dataclass
class Stored:
    """A store holding one good article, and how to look at it."""

    db: str
    folder: Path
    article_id: str
    pipeline: Pipeline

    def settings(self, **changes: object) -> Settings:
        return Settings(db=self.db).with_(**changes)

    def snapshot(self) -> tuple[object, list[dict[str, object]]]:
        with open_store(self.db) as store:
            article = store.get_article(self.article_id)
            events = store.events(
                EventQuery(article_id=self.article_id, order="ingested", limit=None)
            )
        return article, [event_to_plover(e) for e in events]

    def count(self) -> int:
        with open_store(self.db) as store:
            return len(store.articles(limit=None))

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    def batch(self, *sources: Path, pipeline: Pipeline | None = None,
              **changes: object) -> IngestReport:
        """Ingest ``sources`` and then a good article; check that the good
        article is stored and the earlier one is intact."""
        before = self.snapshot()
        after = self.write(f"zz-after-{len(sources)}-{time.monotonic_ns()}.txt", AFTER)
        report = library.ingest(
            [*sources, after],
            settings=self.settings(**changes),
            pipeline=pipeline or self.pipeline,
        )
        names = [a.name for a in report.added] + report.duplicates
        assert str(after) in names, report  # the batch went on
        assert self.snapshot() == before  # nothing stored is lost
        return report


@pytest.fixture()
def stored(tmp_path: Path, pipeline: Pipeline) -> Stored:
    folder = tmp_path / "in"
    folder.mkdir()
    db = str(tmp_path / "wending.db")
    (folder / "earlier.txt").write_text(EARLIER, encoding="utf-8")
    report = library.ingest([folder / "earlier.txt"], settings=Settings(db=db), pipeline=pipeline)
    [added] = report.added
    assert added.events >= 1 and not report.errors
    return Stored(db, folder, added.article_id, pipeline)


def one_error(report: IngestReport, source: Path | str, problem: str) -> str:
    """The one error line, naming ``source`` and the problem."""
    [line] = report.errors
    assert line.startswith(f"{source}"), line
    assert problem in line, line
    return line


# --- files that cannot be read as text ----------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
RSS = (FIXTURES / "feed.rss").read_bytes()
HTML = (FIXTURES / "article.html").read_text(encoding="utf-8")

BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    # id: (file name, content, problem named in the error)
    "binary": ("foto.txt", PNG, "binary file"),
    "binary-sniffed": ("bijlage", PNG, "binary file"),
    "utf16-without-bom": (
        "unicode.txt", (DUTCH * 3).encode("utf-16-le"), "UTF-16 text without a byte-order mark"
    ),
    "mixed-utf8-then-cp1252": (
        "gemengd.txt",
        f"{DUTCH}\n".encode() + f"{DUTCH}\n".encode("cp1252") + f"{DUTCH}\n".encode(),
        "mixed encodings: line 1 is UTF-8 but line 2 is not",
    ),
    "mixed-cp1252-then-utf8": (
        "gemengd2.txt",
        f"{DUTCH}\n".encode("cp1252") * 3 + "Één regel in UTF-8.\n".encode(),
        "mixed encodings: line 4 is UTF-8 but line 1 is not",
    ),
    "mixed-jsonl": (
        "gemengd.jsonl",
        json.dumps({"id": "u", "text": DUTCH}, ensure_ascii=False).encode() + b"\n"
        + json.dumps({"id": "c", "text": DUTCH}, ensure_ascii=False).encode("cp1252"),
        "mixed encodings",
    ),
    "empty": ("leeg.txt", b"\n \n", "empty"),
    "empty-html": ("leeg.html", b"   ", "empty"),
    "html-without-text": (
        "menu.html",
        b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
        "no article text found in HTML",
    ),
    "truncated-json": ("kapot.json", b'{\n  "id": "x",\n  "text": "Rusland viel', "invalid JSON"),
    "truncated-feed-before-entries": (
        "stomp.rss", RSS[: RSS.index(b"<item>")], "broken feed, no entries read"
    ),
    "entity-bomb": (
        "bom.rss",
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<rss version="2.0"><channel><title>&c;</title><item><title>x</title>'
        b"<description>&c;&c;&c;</description></item></channel></rss>",
        "feed declares XML entities; refused",
    ),
    "external-entity": (
        "xxe.xml",
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        b"<description>&x; Rusland viel aan.</description></item></channel></rss>",
        "refused",
    ),
    "not-a-feed": ("sitemap.xml", b"<?xml version='1.0'?><urlset><url/></urlset>",
                   "not an RSS, Atom or RDF feed"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_unreadable_file_is_one_error_and_the_batch_goes_on(stored: Stored, case: str) -> None:
    name, data, problem = BAD_FILES[case]
    path = stored.write(name, data)
    report = stored.batch(path)
    one_error(report, path, problem)
    assert [a.name for a in report.added] == [report.added[0].name]  # only the good one
    assert stored.count() == 2


def test_wrong_declared_encodings_are_read_right(stored: Stored) -> None:
    """A page or feed that declares the wrong charset is still read right."""
    page = f"<html><head><meta charset='utf-8'><title>T</title></head><body><article><p>{DUTCH}"
    page += f"</p><p>{DUTCH}</p></article></body></html>"
    lying_page = stored.write("cp1252.html", page.encode("cp1252"))
    feed = (
        "<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>F"
        f"</title><item><title>a</title><description>{DUTCH} Gisteren.</description></item>"
        "</channel></rss>"
    )
    lying_feed = stored.write("latin.xml", feed.encode("utf-8"))
    report = stored.batch(lying_page, lying_feed)
    assert not report.errors and len(report.added) == 3
    with open_store(stored.db) as store:
        for added in report.added[:2]:
            article = store.get_article(added.article_id)
            assert article is not None and DUTCH in article.text


def test_truncated_inputs_keep_what_came_before_the_break(stored: Stored) -> None:
    lines = [json.dumps({"id": f"r{n}", "lang": "nl", "text": f"Rusland viel {n} keer aan."})
             for n in range(3)]
    jsonl = stored.write("afgebroken.jsonl", "\n".join(lines)[:-12])
    feed = stored.write("afgebroken.rss", RSS[: RSS.index(b"<title>Gesprekken hervat") + 10])
    html = stored.write("afgebroken.html", HTML[: HTML.index("De minister zei") + 40])
    report = stored.batch(jsonl, feed, html)
    names = [a.name for a in report.added]
    assert names[:3] == ["r0", "r1", "https://noorderblad.example/nieuws/1"]
    assert names[3] == str(html)  # the text before the cut
    assert report.errors[0].startswith(f"{jsonl}:3: invalid JSON")
    assert "is the line cut short?" in report.errors[0]
    assert report.errors[-1].startswith(f"{feed}: broken feed: XML error")
    assert stored.count() == 1 + len(report.added)


# --- text that cannot be stored alike everywhere -------------------------------------


def test_nul_characters_and_unpaired_surrogates_are_refused(stored: Stored) -> None:
    records = stored.write(
        "vreemd.jsonl",
        '{"id": "nul", "text": "Rusland viel\\u0000 dinsdag Oekraine aan."}\n'
        '{"id": "half", "text": "\\ud800 Rusland viel Oekraine aan."}\n',
    )
    report = stored.batch(records)
    assert report.errors == [
        "nul: the text holds NUL characters (U+0000); remove them",
        f"{records}:2: 'text' holds an unpaired surrogate (U+D800 at character 0), "
        "which is not valid Unicode",
    ]
    assert stored.count() == 2


def test_file_name_in_a_foreign_encoding_is_read(stored: Stored) -> None:
    raw = bytes(stored.folder) + b"/caf\xe9.txt"  # a Latin-1 name on a UTF-8 system
    with open(raw, "wb") as fh:
        fh.write(AFTER.replace("China", "Japan").encode())
    report = stored.batch(Path(raw.decode("utf-8", "surrogateescape")))
    assert not report.errors
    assert report.added[0].name == str(stored.folder / "caf\ufffd.txt")


# --- size ------------------------------------------------------------------------------

MB10 = Settings().max_bytes


def article_of_size(size: int, paragraph: str) -> bytes:
    """``size`` bytes of whole paragraphs, padded with spaces."""
    unit = paragraph.encode()
    data = unit * (size // len(unit))
    return data + b" " * (size - len(data))


def test_article_over_10_mb_names_the_limit(stored: Stored) -> None:
    path = stored.write("te-groot.txt", article_of_size(MB10 + 1, GERMAN))
    report = stored.batch(path)
    one_error(report, path, "file is 10,485,761 bytes, over the limit of 10,485,760 bytes "
                            "(settings max_bytes)")


def test_article_of_10_mb_is_stored(stored: Stored) -> None:
    """Just under the limit: read, decoded, laid out, hashed and stored whole
    (in German, so it is stored without extraction; extraction speed is in
    RELIABILITY.md)."""
    data = article_of_size(MB10, GERMAN)
    path = stored.write("groot.txt", data)
    report = stored.batch(path)
    assert not report.errors
    big = report.added[0]
    assert big.name == str(path) and big.status == "unsupported_language"
    with open_store(stored.db) as store:
        article = store.get_article(big.article_id)
    assert article is not None and article.text == data.decode().rstrip()
    assert len(article.blocks) == data.count(b"\n")


def test_limit_is_the_setting(stored: Stored) -> None:
    text = (EARLIER.replace("dinsdag", "woensdag").split("\n")[0] + "\n") * 40
    path = stored.write("middel.txt", text)
    size = path.stat().st_size
    refused = stored.batch(path, max_bytes=size - 1)
    one_error(refused, path, f"over the limit of {size - 1} bytes (settings max_bytes)")
    accepted = stored.batch(path, max_bytes=size)
    assert not accepted.errors and accepted.added[0].events >= 1


# --- very long lines -------------------------------------------------------------------


def test_very_long_line_with_many_events_is_extracted_in_bounded_time(stored: Stored) -> None:
    """A 30 kB line without a full stop took two minutes (extraction was
    quadratic in the sentence length); sentences are now capped."""
    line = " ".join(["Rusland viel Oekraïne aan met drieduizend soldaten"] * 600)
    path = stored.write("lange-regel.txt", line + "\n")
    started = time.monotonic()
    report = stored.batch(path)
    assert time.monotonic() - started < 60
    assert not report.errors and report.added[0].events >= 1


def test_megabyte_line_is_stored(stored: Stored) -> None:
    """A line over spaCy's 1,000,000-character limit failed with E088."""
    line = "de soldaten van het leger trokken naar de grens en " * 24_000
    path = stored.write("megaregel.txt", line + "\n")
    fast = Pipeline(stored.settings(engine="none"))
    report = stored.batch(path, pipeline=fast)
    assert not report.errors
    assert report.added[0].name == str(path) and report.added[0].status == "extracted"


# --- dates ------------------------------------------------------------------------------


def test_impossible_publication_dates_are_errors(stored: Stored) -> None:
    records = [
        {"id": "feb30", "lang": "nl", "published": "2024-02-30", "text": "Rusland viel aan."},
        {"id": "year1", "lang": "nl", "published": "0001-01-01", "text": "Polen viel aan."},
        {"id": "far", "lang": "nl", "published": "9999-12-31", "text": "Iran viel aan."},
        {"id": "ok", "lang": "nl", "published": "2024-02-29",
         "text": "Rusland viel op 31 februari Oekraïne aan. "
                 "Op 29 februari viel Rusland Polen aan."},
    ]
    path = stored.write("datums.jsonl", "\n".join(json.dumps(r) for r in records))
    report = stored.batch(path)
    assert report.errors == [
        f"{path}:1: 'published' is not an ISO date (YYYY-MM-DD) or null: '2024-02-30'",
        f"{path}:2: 'published' '0001-01-01' is not a plausible publication date "
        "(1800-01-01 to 2199-12-31)",
        f"{path}:3: 'published' '9999-12-31' is not a plausible publication date "
        "(1800-01-01 to 2199-12-31)",
    ]
    [ok] = [a for a in report.added if a.name == "ok"]
    with open_store(stored.db) as store:
        events = store.events(EventQuery(article_id=ok.article_id, order="ingested"))
    dates = {(e.actor[0].code, e.recipient[0].code): e.date for e in events if e.recipient}
    assert dates[("RUS", "UKR")] is None  # "op 31 februari" is no day: no date
    poland = dates[("RUS", "POL")]
    assert poland is not None and poland.start == dt.date(2024, 2, 29)
    # analysis still works over the store
    library.timeline(settings=stored.settings())
    library.graph(settings=stored.settings())


def test_impossible_dates_in_feeds_and_pages_are_ignored(stored: Stored) -> None:
    """A feed's impossible or implausible dates are dropped; a page's
    impossible date is at most read as its month (htmldate's repair)."""
    feed = RSS.replace(b"Tue, 22 Oct 2024 01:30:00", b"Fri, 30 Feb 2024 01:30:00")
    feed = feed.replace(b"Wed, 23 Oct 2024 12:00:00 +0200", b"0001-10-23T12:00:00Z")
    feed_path = stored.write("datum.rss", feed)
    page = HTML.replace("2024-10-22T08:00:00+02:00", "2024-02-30T08:00:00+02:00")
    page_path = stored.write("datum.html", page)
    report = stored.batch(feed_path, page_path)
    assert not report.errors and len(report.added) == 4
    with open_store(stored.db) as store:
        first, second, html = (store.get_article(a.article_id) for a in report.added[:3])
    assert first is not None and first.published is None
    assert second is not None and second.published is None
    assert html is not None and html.published in (None, dt.date(2024, 2, 1))


# --- languages --------------------------------------------------------------------------


def test_unknown_languages_are_stored_without_events(stored: Stored) -> None:
    german = stored.write("duits.txt", GERMAN)
    finnish = stored.write("fins.txt", FINNISH)
    record = stored.write("fins.jsonl", json.dumps({"id": "fi-1", "lang": "fi",
                                                     "text": FINNISH.upper()}))
    report = stored.batch(german, finnish, record)
    assert not report.errors
    unsupported = {a.name: a for a in report.unsupported}
    assert set(unsupported) == {str(german), str(finnish), "fi-1"}
    assert unsupported[str(german)].lang == "de" and unsupported["fi-1"].lang == "fi"
    assert unsupported[str(finnish)].lang not in ("nl", "en")
    with open_store(stored.db) as store:
        for added in unsupported.values():
            assert added.events == 0
            assert store.events(EventQuery(article_id=added.article_id)) == []
            [row] = [r for r in store.articles(limit=None) if r.id == added.article_id]
            assert row.status == "unsupported_language"


# --- knowledge-base files -------------------------------------------------------------------

KB_ERRORS: dict[str, tuple[str, bytes, str]] = {
    "bad-code": (
        "eigen.tsv",
        b"id\tcode\tsector\tqid\tname_en\tname_nl\tnames\nwagner2\tRUSS\tMIL\tQ1\tW\tW\tW\n",
        ":2: code 'RUSS' is not 3 capital letters",
    ),
    "bad-qid": (
        "eigen.tsv",
        b"id\tcode\tsector\tqid\tname_en\tname_nl\tnames\nx\tRUS\tMIL\tq12\tW\tW\tW\n",
        ":2: QID 'q12' is not of the form Q123",
    ),
    "too-many-cells": (
        "plaatsen.tsv",
        b"name_en\tcountry\tnames\nGhent\tBEL\tGent\textra\n",
        ":2: 4 cells, but the header has 3 columns",
    ),
    "term-ends-before-it-starts": (
        "mensen.tsv",
        b"id\tqid\tname\tnames\tcountry\toffice\tsector\tstart\tend\n"
        b"p1\tQ1\tX\tX\tNLD\tleader\tGOV\t2024-05-01\t2020-01-01\n",
        ":2: the term ends before it starts",
    ),
    "impossible-date": (
        "mensen.tsv",
        b"id\tqid\tname\tnames\tcountry\toffice\tsector\tstart\tend\n"
        b"p1\tQ1\tX\tX\tNLD\tleader\tGOV\t2024-02-30\t\n",
        ":2: '2024-02-30' is not a date",
    ),
    "unknown-header": ("raar.tsv", b"foo\tbar\n1\t2\n",
                       ": cannot tell the kind of KB file from its header"),
    "not-utf8": ("latin.tsv", "naam\tcode\nCuraçao\tCUW\n".encode("cp1252"),
                 ": cannot read the file"),
    "yaml": ("eigen.yaml", b"a: [1, 2\n", ": YAML KB files are not supported"),
}


@pytest.mark.parametrize("case", list(KB_ERRORS), ids=list(KB_ERRORS))
def test_knowledge_base_errors_stop_before_anything_is_stored(stored: Stored, case: str) -> None:
    name, data, problem = KB_ERRORS[case]
    kb = stored.write(name, data)
    good = stored.write("goed.txt", AFTER)
    before = stored.snapshot()
    settings = stored.settings(kb_files=(kb,))
    with pytest.raises(KnowledgeBaseError) as caught:
        library.ingest([good], settings=settings, pipeline=Pipeline(settings))
    assert str(caught.value).startswith(f"{kb}{problem}")
    assert stored.snapshot() == before and stored.count() == 1


def test_missing_knowledge_base_file(stored: Stored) -> None:
    settings = stored.settings(kb_files=(stored.folder / "bestaat-niet.tsv",))
    with pytest.raises(KnowledgeBaseError, match=r"bestaat-niet\.tsv: no such file"):
        library.ingest([stored.write("goed.txt", AFTER)], settings=settings,
                       pipeline=Pipeline(settings))
    assert stored.count() == 1


def test_cli_prints_the_knowledge_base_error_on_one_line(
    stored: Stored, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from wending.serve.cli import main

    name, data, problem = KB_ERRORS["bad-code"]
    kb = stored.write(name, data)
    good = stored.write("goed.txt", AFTER)
    monkeypatch.setattr("sys.argv", ["wending", "ingest", str(good), "--db", stored.db,
                                     "--kb", str(kb)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"error: {kb}{problem}" in " ".join(err.split())
    assert "Traceback" not in err
    assert stored.count() == 1


# --- a batch of everything ------------------------------------------------------------------


def test_one_batch_of_every_bad_input(stored: Stored) -> None:
    """All the bad files of this module in one folder, with good ones among
    them: one error for each bad file, every good article stored."""
    folder = stored.folder / "alles"
    folder.mkdir()

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    for n, (name, data, _) in enumerate(BAD_FILES.values()):
        write(f"{n:02d}-{name}", data)
    write("50-goed.txt", EARLIER.replace("dinsdag", "maandag").encode())
    write("51-duits.txt", GERMAN.encode())
    report = stored.batch(folder)
    assert len(report.errors) == len(BAD_FILES)
    for n, (name, _, problem) in enumerate(BAD_FILES.values()):
        assert any(e.startswith(str(folder / f"{n:02d}-{name}")) and problem in e
                   for e in report.errors), (name, report.errors)
    assert sorted(a.name for a in report.added)[:2] == [
        str(folder / "50-goed.txt"), str(folder / "51-duits.txt")]
