"""The analysis stage: pure functions over events, stories and article
metadata (``docs/analysis.md``).

- :mod:`~wending.analyze.facts`: when, who with whom, how sure;
- :mod:`~wending.analyze.matching` and :mod:`~wending.analyze.stories`: the
  events of many articles that tell one real-world event, merged
  incrementally into stories;
- :mod:`~wending.analyze.network`: the signed, weighted actor network, its
  blocs and central actors, GraphML and GEXF;
- :mod:`~wending.analyze.timeline`: story counts per day, week or month;
- :mod:`~wending.analyze.alerts` (with :mod:`~wending.analyze.turns` and
  :mod:`~wending.analyze.escalation`): new turns and escalation;
- :mod:`~wending.analyze.watch`: the watch rules of what someone follows;
- :mod:`~wending.analyze.notify`: Atom feed and webhook delivery (the only
  I/O here, to an explicit path or URL).

The database is read and written by :mod:`wending.library.analysis`, never here.
"""
