"""Library functions of the analysis stage (stories, graph, timeline,
alerts). Filled in by the analysis issue."""

from __future__ import annotations

__all__: list[str] = []
