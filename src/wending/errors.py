"""Typed errors. Every message says what went wrong, where, and what to do."""

from __future__ import annotations


class WendingError(Exception):
    """Base class of every error Wending raises on purpose."""


class InputError(WendingError):
    """An input (file, URL, record) cannot be read as an article.

    ``source`` names the input; ``problem`` says what is wrong with it.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class FetchError(InputError):
    """A URL could not be fetched, or fetching it is not allowed."""


class KnowledgeBaseError(WendingError):
    """A knowledge-base or lexicon file is invalid."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class StoreError(WendingError):
    """The database cannot be opened, migrated or written."""


class GoldError(WendingError):
    """A gold or prediction file does not follow corpus/SPEC.md."""


class SettingsError(WendingError):
    """A setting has a value that cannot be used."""


class WatchError(WendingError):
    """A watch file (the rules of what someone follows) is invalid, or
    alerts cannot be delivered to a feed file or webhook.

    ``path`` names the file or URL, ``line`` the line in the file (1-based)
    when known.
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
