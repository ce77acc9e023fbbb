"""Language packs: one folder of data files per language (``nl``, ``en``).

A new language is a new folder with the same files (see
docs/data-formats.md); no Python changes are needed for the lexicons.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def pack_dir(lang: str) -> Path:
    """The folder of a built-in language pack."""
    return Path(str(resources.files("wending.lang").joinpath(lang)))


def pack_file(lang: str, name: str) -> Path:
    """A file of a built-in language pack (it may not exist)."""
    return pack_dir(lang) / name


def available_languages() -> tuple[str, ...]:
    """Codes of the built-in language packs."""
    root = Path(str(resources.files("wending.lang")))
    return tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "triggers.yaml").exists())
    )


def read_word_list(path: Path) -> frozenset[str]:
    """Lines of a plain word list, lowercased, without comments and blanks."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)
