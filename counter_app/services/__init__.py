"""Use cases of the desk in plain Python: no Qt, one unit of work per user action.

One calling convention:

- a public function whose first parameter is ``db: Database`` is a use case. It opens its own
  unit of work (``db.read()`` / ``db.write()``: commit or roll back everything) and returns plain
  data. The UI, the command line and the sync worker call only these
  (``tests/unit/test_layers.py`` checks that no page or command opens a session);
- a function whose first parameter is ``session: Session`` is a step inside the caller's unit of
  work: services and the sync's apply step compose them, tests may call them directly.

The pure rules they build on (calendar, codes, lifecycle, due state, records) are in
:mod:`counter_app.domain`.
"""
