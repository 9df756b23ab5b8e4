"""Pure domain rules and records: calendar, codes, lifecycle, due state, text, field limits, the
national record, storage faults explained.

No database sessions, no Qt, no network: services, sync and the central system build on these.
"""
