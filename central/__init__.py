"""The central system: receives desk outboxes, serves the changes feed, the back office API,
the public lookup page and province-wide counters. See docs/sync.md."""
