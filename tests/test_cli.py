"""CLI round trips: each command through Typer's runner, on real files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from wending.serve.cli import app

runner = CliRunner()

NL = """Rusland valt Oekraïne aan
Het Russische leger heeft dinsdag de stad Charkiv met raketten aangevallen. Volgens de
Oekraïense autoriteiten kwamen zeker twaalf mensen om.
Bron: Testkrant
"""

EN = """Houthis fire missiles at ships
The Houthis fired missiles at a cargo ship in the Red Sea on Monday, the US military said.
Source: Test Wire
"""


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "nl.txt").write_text(NL, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": "Een zin."}\n{"id": ', "utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)


def test_ingest_articles_events_round_trip(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_inputs(inputs)
    db = str(tmp_path / "w.db")
    first = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert len(report["added"]) == 3
    assert len(report["errors"]) == 2
    assert any("binary.txt" in e for e in report["errors"])
    assert any("broken.jsonl:2" in e for e in report["errors"])

    again = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--json"])
    assert json.loads(again.stdout)["added"] == []
    assert len(json.loads(again.stdout)["duplicates"]) == 3

    listing = runner.invoke(app, ["articles", "--db", db, "--json"])
    rows = [json.loads(line) for line in listing.stdout.splitlines() if line.strip()]
    assert {r["outlet"] for r in rows} >= {"Testkrant", "Test Wire"}

    jsonl = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
    records = [json.loads(line) for line in jsonl.stdout.splitlines() if line.strip()]
    assert records, jsonl.output
    for rec in records:
        assert {"event", "actor", "recipient", "doc", "evidence", "modality"} <= rec.keys()
        assert rec["doc"]

    rus = runner.invoke(app, ["events", "--db", db, "--actor", "RUS", "--format", "jsonl"])
    assert all(any(a["code"] == "RUS" for a in json.loads(line)["actor"])
               for line in rus.stdout.splitlines() if line.strip())

    table = runner.invoke(app, ["events", "--db", db, "--format", "csv"])
    rows_csv = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(rows_csv) == len(records)

    bad = runner.invoke(app, ["events", "--db", db, "--modality", "sure"])
    assert bad.exit_code != 0


def test_score_reads_what_events_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = {"id": "t-1", "lang": "nl", "published": "2024-10-25", "outlet": "T",
               "title": "", "text": "Rusland viel dinsdag Oekraïne aan met drones."}
    (corpus / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    gold = {"doc": "t-1", "id": "t-1-01", "event": "ASSAULT", "alt_events": [], "mode": "",
            "source": [{"actorText": "Rusland", "code": "RUS"}],
            "target": [{"actorText": "Oekraïne", "code": "UKR"}],
            "date": "2024-10-22", "modality": "asserted",
            "evidence": "Rusland viel dinsdag Oekraïne aan"}
    (corpus / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(corpus / "articles.jsonl"), "--db", db]).exit_code == 0
    out = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
    events_file = tmp_path / "events.jsonl"
    events_file.write_text(out.stdout, encoding="utf-8")
    scored = runner.invoke(app, ["score", str(events_file), str(corpus), "--json"])
    report = json.loads(scored.stdout)
    assert report["matched"] == 1
    assert report["attributes"]["date"]["correct"] == 1
    evaluated = runner.invoke(app, ["evaluate", str(corpus), "--json"])
    assert json.loads(evaluated.stdout)["f1"] == report["f1"]
    text = runner.invoke(app, ["evaluate", str(corpus)])
    assert "precision" in text.stdout


def test_actors_link_explain(tmp_path: Path) -> None:
    found = runner.invoke(app, ["actors", "Poetin", "--json"])
    rows = [json.loads(line) for line in found.stdout.splitlines() if line.strip()]
    assert rows and rows[0]["code"] == "RUS"
    linked = runner.invoke(app, ["link", "Het Kremlin dreigde Oekraïne.", "--lang", "nl",
                                 "--json"])
    mentions = [json.loads(line) for line in linked.stdout.splitlines() if line.strip()]
    assert [(m["code"], m["rule"]) for m in mentions][:1] == [("RUS", "metonym")]
    explained = runner.invoke(app, ["explain", "Rusland viel Oekraïne aan.", "--lang", "nl"])
    assert "ASSAULT" in explained.stdout


def test_errors_are_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"),
                                  "--db", str(tmp_path / "w.db")])
    assert missing.exit_code == 1
    assert "nope.txt" in missing.output
