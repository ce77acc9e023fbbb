"""Ingest from files and folders: every form, and every kind of bad input.

Bad input is yielded as an InputError value naming the input and the
problem; the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest

from wending.errors import InputError
from wending.ingest import html_to_text, parse_html, read_sources
from wending.model import Article, article_id
from wending.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = "Het leger van Noordland heeft drieduizend soldaten naar de grens gestuurd.\n"


def read(*sources: str | Path, settings: Settings | None = None) -> list[Article | InputError]:
    return list(read_sources(sources, settings=settings or Settings()))


def articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def one_error(path: Path, problem: str, settings: Settings | None = None) -> InputError:
    """Read ``path`` then a good file: one error naming ``path``, then the
    good article (the batch goes on)."""
    good = path.parent / "zz-good.txt"
    good.write_text(GOOD, encoding="utf-8")
    items = read(path, good, settings=settings)
    assert len(items) == 2, items
    err, article = items
    assert isinstance(err, InputError), err
    assert err.source == str(path)
    assert problem in err.problem
    assert str(path) in str(err)
    assert isinstance(article, Article) and article.text == GOOD.strip()
    return err


# --- plain text -------------------------------------------------------------


def test_plain_text_file() -> None:
    [article] = read(FIXTURES / "grens.txt")
    assert isinstance(article, Article)
    assert article.name == str(FIXTURES / "grens.txt")
    assert article.title.startswith("Noordland stuurt")
    assert article.outlet == "ANP"
    assert article.blocks[0].kind == "title" and article.blocks[-1].kind == "source"


def test_markdown_and_text_extensions(tmp_path: Path) -> None:
    for name in ("a.md", "b.text"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    assert [a.text for a in articles(read(tmp_path))] == [GOOD.strip()] * 2


# --- encodings and bad files -------------------------------------------------

DUTCH = "Oekraïne en Zuidland: „Wij willen geen oorlog”, zegt één café-eigenaar. Kosten: 5 €.\n"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = DUTCH if encoding != "latin-1" else DUTCH.replace("„", '"').replace("”", '"')
    text = text.replace("€", "EUR") if encoding == "latin-1" else text
    path = tmp_path / "bericht.txt"
    path.write_bytes((text * 3).encode(encoding))
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == (text * 3).strip()


def test_short_cp1252_file_is_western(tmp_path: Path) -> None:
    path = tmp_path / "kort.txt"
    path.write_bytes("Oekraïne ligt in Europa, zei hij.".encode("cp1252"))
    [article] = read(path)
    assert isinstance(article, Article) and article.text == "Oekraïne ligt in Europa, zei hij."


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "foto.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    one_error(path, "binary file")


def test_control_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "raar.txt"
    path.write_bytes(b"tekst \x01\x02\x03\x04\x05\x06\x07\x08 tekst" * 10)
    one_error(path, "binary file")


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ruis.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(128, 256) for _ in range(600)))
    one_error(path, "cannot detect the text encoding")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  ", b"\xef\xbb\xbf\n"])
def test_empty_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leeg.txt"
    path.write_bytes(content)
    one_error(path, "empty")


def test_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    with path.open("wb") as fh:  # sparse: 11 MB on paper, nothing to read
        fh.truncate(11 * 1024 * 1024)
    err = one_error(path, "over the limit")
    assert err.problem == "file is 11.0 MB, over the limit of 10.0 MB (settings max_bytes)"


def test_small_size_cap_names_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bericht.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    err = one_error(path, "over the limit", settings=Settings(max_bytes=100))
    assert "of 100 bytes (settings max_bytes)" in err.problem


def test_missing_path(tmp_path: Path) -> None:
    one_error(tmp_path / "bestaat-niet.txt", "no such file or folder")


# --- HTML -------------------------------------------------------------------


def test_html_page_with_boilerplate() -> None:
    [article] = read(FIXTURES / "article.html")
    assert isinstance(article, Article)
    assert article.title == "Noordland trekt troepen samen bij de grens"
    assert article.outlet == "Het Noorderblad"
    assert article.published == dt.date(2024, 10, 22)
    assert article.lang == "nl"
    assert "drieduizend soldaten" in article.text
    for boilerplate in ("cookies", "Binnenland", "Meer nieuws", "rechten voorbehouden"):
        assert boilerplate not in article.text
    assert [b.kind for b in article.blocks] == [
        "title",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
    ]
    assert article.id == article_id(article.text)


def test_html_without_a_date_does_not_guess_one_from_the_copyright_line() -> None:
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = page.replace(
        '<meta property="article:published_time" content="2024-10-22T08:00:00+02:00">', ""
    )
    assert "2024" not in page and "© 2023" in page
    article = parse_html(page, name="page.html")
    assert article.published is None  # not 2023-01-01 from "© 2023"


def test_truncated_html_still_yields_text(tmp_path: Path) -> None:
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    path = tmp_path / "afgebroken.html"
    path.write_text(page[: page.index("De minister zei") + 40], encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert "drieduizend soldaten" in article.text
    assert article.text.endswith("De minister zei dinsdag dat de troepen b")


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Het Blad</title></head><body><nav><ul><li><a href='/'>Home</a>"
        "</li><li><a href='/b'>Binnenland</a></li></ul></nav><script>var x = 1;</script>"
        "</body></html>",
        encoding="utf-8",
    )
    one_error(path, "no article text found in HTML")


def test_html_in_cp1252_with_meta_charset(tmp_path: Path) -> None:
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("drieduizend soldaten", "drieduizend soldaten naar Oekraïne en")
    path = tmp_path / "oud.htm"
    path.write_bytes(page.replace("‘", "'").replace("’", "'").encode("cp1252"))
    [article] = read(path)
    assert isinstance(article, Article) and "naar Oekraïne en" in article.text


def test_html_fragment_to_text() -> None:
    fragment = "<p>Eerste <b>alinea</b>.</p><script>x()</script><p>Tweede&nbsp;alinea.<br>Regel</p>"
    assert html_to_text(fragment) == "Eerste alinea.\nTweede alinea.\nRegel"


# --- JSON Lines --------------------------------------------------------------


def test_jsonl_records() -> None:
    items = read(FIXTURES / "articles.jsonl")
    assert not errors(items)
    first, second, third = articles(items)
    assert first.name == "nb-001" and first.lang == "nl" and first.outlet == "Het Noorderblad"
    assert first.published == dt.date(2024, 10, 22)
    assert first.title == "Noordland trekt troepen samen"
    assert [b.kind for b in first.blocks] == ["paragraph", "heading", "paragraph", "source"]
    assert second.outlet == "Reuters" and second.published is None and second.title == ""
    assert third.url == "https://noorderblad.example/nieuws/3"
    assert first.origin == f"{FIXTURES / 'articles.jsonl'}:1"


def test_jsonl_with_bad_lines_yields_the_good_ones(tmp_path: Path) -> None:
    good = {"id": "a1", "text": "Zuidland riep zijn ambassadeur terug.", "published": None}
    lines = [
        json.dumps(good),
        json.dumps({"id": "a2", "title": "zonder tekst"}),
        json.dumps({"id": "a3", "text": "   "}),
        "",
        json.dumps({"id": "a4", "text": "Tekst.", "published": "gisteren"}),
        json.dumps(["geen", "object"]),
        json.dumps({"id": "a5", "text": "Tekst.", "lang": 7}),
        json.dumps({**good, "id": "a6", "published": "2024-10-25T10:00:00+02:00"}),
        json.dumps({**good, "id": "a7"})[:30],  # cut short
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    assert [a.name for a in articles(items)] == ["a1", "a6"]
    assert articles(items)[1].published == dt.date(2024, 10, 25)
    found = {e.source: e.problem for e in errors(items)}
    assert set(found) == {f"{path}:{n}" for n in (2, 3, 5, 6, 7, 9)}
    assert "missing or empty 'text'" in found[f"{path}:2"]
    assert "missing or empty 'text'" in found[f"{path}:3"]
    assert "'published' is not an ISO date" in found[f"{path}:5"]
    assert "expected a JSON object" in found[f"{path}:6"]
    assert "'lang' must be a string" in found[f"{path}:7"]
    assert "invalid JSON" in found[f"{path}:9"]


def test_json_file_with_one_object_or_a_list(tmp_path: Path) -> None:
    one = tmp_path / "een.json"
    one.write_text(json.dumps({"id": "x", "text": GOOD}, indent=2), encoding="utf-8")
    many = tmp_path / "lijst.json"
    many.write_text(json.dumps([{"id": "y", "text": GOOD}, {"id": "z"}]), encoding="utf-8")
    items = read(one, many)
    assert [a.name for a in articles(items)] == ["x", "y"]
    [err] = errors(items)
    assert err.source == f"{many}:item 2" and "missing or empty 'text'" in err.problem


def test_truncated_json_document(tmp_path: Path) -> None:
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps({"id": "x", "text": GOOD}, indent=2)[:-8], encoding="utf-8")
    [err] = read(path)
    assert isinstance(err, InputError)
    assert err.source.startswith(f"{path}:") and "invalid JSON" in err.problem


# --- feeds ------------------------------------------------------------------


def test_rss_file() -> None:
    items = read(FIXTURES / "feed.rss")
    first, second = articles(items)
    assert not errors(items)
    assert first.title == "Noordland stuurt troepen naar de grens"
    assert first.url == first.name == "https://noorderblad.example/nieuws/1"
    assert first.published == dt.date(2024, 10, 22)  # the feed's own time zone, not UTC
    assert first.outlet == "Het Noorderblad - Buitenland"
    assert first.lang == "nl"
    assert first.text == (
        "Het leger van Noordland heeft drieduizend soldaten naar de grens gestuurd.\n"
        "Zuidland riep zijn ambassadeur terug."
    )
    assert [b.kind for b in first.blocks] == ["paragraph", "paragraph"]
    assert "alert" not in second.text
    assert first.origin == str(FIXTURES / "feed.rss")


def test_atom_file() -> None:
    [article] = read(FIXTURES / "feed.atom")
    assert isinstance(article, Article)
    assert article.title == "Talks resume in Geneva"
    assert article.url == "https://worlddesk.example/a/1"
    assert article.published == dt.date(2024, 10, 23)
    assert article.outlet == "World Desk"
    assert article.text.startswith("Delegations from Northland")  # content, not the summary
    assert article.lang == "en"


def test_truncated_feed_keeps_the_entries_before_the_break(tmp_path: Path) -> None:
    feed = (FIXTURES / "feed.rss").read_bytes()
    path = tmp_path / "afgebroken.rss"
    path.write_bytes(feed[: feed.index(b"<title>Gesprekken hervat") + 10])
    items = read(path)
    assert articles(items)[0].title == "Noordland stuurt troepen naar de grens"
    err = errors(items)[-1]
    assert err.source == str(path) and "broken feed" in err.problem


def test_feed_truncated_before_any_entry(tmp_path: Path) -> None:
    feed = (FIXTURES / "feed.rss").read_bytes()
    path = tmp_path / "stomp.xml"
    path.write_bytes(feed[: feed.index(b"<item>")])
    err = one_error(path, "broken feed, no entries read")
    assert "XML error" in err.problem


def test_feed_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.rss"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        '<rss version="2.0"><channel><title>&c;</title><item><title>x</title>'
        "<description>&c;</description></item></channel></rss>",
        encoding="utf-8",
    )
    one_error(path, "feed declares XML entities; refused")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
        encoding="utf-8",
    )
    one_error(path, "not an RSS, Atom or RDF feed")


def test_feed_entry_without_text(tmp_path: Path) -> None:
    path = tmp_path / "koppen.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>Koppen</title>'
        "<item><title>Alleen een kop</title></item>"
        "<item><title>Met tekst</title><description>Er is tekst.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    err, article = read(path)
    assert isinstance(err, InputError) and isinstance(article, Article)
    assert err.source == f"{path} (entry 1: 'Alleen een kop')"
    assert "no text" in err.problem
    assert article.text == "Er is tekst."


# --- folders ----------------------------------------------------------------


def test_folder_with_nested_subfolders_and_mixed_files(tmp_path: Path) -> None:
    root = tmp_path / "bronnen"
    (root / "2024" / "oktober").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / ".verborgen.txt").write_text(GOOD, encoding="utf-8")
    shutil.copy(FIXTURES / "grens.txt", root / "b-grens.txt")
    shutil.copy(FIXTURES / "feed.atom", root / "2024" / "a-world.atom")
    shutil.copy(FIXTURES / "articles.jsonl", root / "2024" / "oktober" / "records.ndjson")
    shutil.copy(FIXTURES / "article.html", root / "2024" / "oktober" / "pagina.dat")  # sniffed
    (root / "2024" / "oktober" / "notitie").write_text(GOOD, encoding="utf-8")  # sniffed
    (root / "a-plaatje.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4)
    items = read(root)
    names = [i.source if isinstance(i, InputError) else i.name for i in items]
    assert names == [
        "https://worlddesk.example/a/1",  # the entry of 2024/a-world.atom
        str(root / "2024" / "oktober" / "notitie"),
        str(root / "2024" / "oktober" / "pagina.dat"),
        "nb-001",
        "wd-002",
        "nb-003",
        str(root / "a-plaatje.png"),
        str(root / "b-grens.txt"),
    ]
    [err] = errors(items)
    assert "binary file" in err.problem
    assert articles(items)[2].title == "Noordland trekt troepen samen bij de grens"


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / ".DS_Store").write_bytes(b"\x00\x01")
    [err] = read(tmp_path / "leeg")
    assert isinstance(err, InputError) and "no files" in err.problem


def test_folders_skip_files_that_are_never_articles(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Rusland viel Oekraïne aan.\n", encoding="utf-8")
    (folder / "watch.yaml").write_text("watch:\n  - actors: [RUS]\n", encoding="utf-8")
    (folder / "tool.py").write_text("print('hello')\n", encoding="utf-8")
    items = list(read_sources([folder], settings=Settings()))
    assert [type(i).__name__ for i in items] == ["Article"]
    # named on its own, a file is still read
    alone = list(read_sources([folder / "watch.yaml"], settings=Settings()))
    assert len(alone) == 1
