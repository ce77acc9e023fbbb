"""Plain text to an article, with its layout (title, pull quotes, source)."""

from __future__ import annotations

import datetime as dt

from wending.errors import InputError
from wending.ingest.files import unicode_problem
from wending.ingest.layout import stable_text, with_layout
from wending.model import Article


def parse_plain_text(
    text: str,
    *,
    name: str = "",
    outlet: str | None = None,
    published: dt.date | None = None,
    lang: str | None = None,
    url: str | None = None,
    title: str = "",
    origin: str = "",
) -> Article:
    """One article from plain text, kept as printed (normalized only).

    Its ``blocks`` describe the layout: a short first line without a final
    full stop is the title (and ``Article.title`` when ``title`` is not
    given), short quoted lines between paragraphs are pull-quote headings, a
    closing ``Bron: X`` / ``Source: X`` line is the source (and ``X`` the
    outlet when ``outlet`` is not given), and an article that is one quote
    has ``quoted`` set. The id is ``article_id`` of the text.

    Raises :class:`InputError` (naming ``name``) for text that is not valid
    Unicode (an unpaired surrogate).
    """
    for value in (text, title, name):
        problem = unicode_problem(value)
        if problem:
            raise InputError(name or "text", problem)
    article = Article.create(
        stable_text(text),
        name=name,
        outlet=outlet,
        published=published,
        lang=lang,
        url=url,
        title=" ".join(title.split()),
        origin=origin or name,
    )
    return with_layout(article, detect_title=not title)
