"""fewer index entries per pushed event: the feed's read indexes hold numbered entries only, the
dossiers' (unit_code, status) index goes (ix_dossiers_counters starts with the same columns)

A feed entry is published without a position and numbered after commit (central/feed.py): the
indexes a reader uses (scope, entity, position) are partial on ``position IS NOT NULL`` on
PostgreSQL, so publishing an entry writes two index entries (the key, the unnumbered index)
instead of five; numbering writes the others, as it did. Every reader's condition on the
position (``position > :after``) implies the predicate. SQLite numbers at publication: unchanged.

Revision ID: 0009_i20_push_indexes
Revises: 0008_i13_attachments
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009_i20_push_indexes"
down_revision: Union[str, Sequence[str], None] = "0008_i13_attachments"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_FEED_INDEXES = (("ix_changes_scope", ["unit_code", "desk_number", "position"], False),
                 ("ix_changes_entity", ["entity_key", "position"], False),
                 ("uq_changes_position", ["position"], True))


def upgrade() -> None:
    op.drop_index("ix_dossiers_unit_status", table_name="dossiers")
    if op.get_bind().dialect.name == "postgresql":
        for name, columns, unique in _FEED_INDEXES:
            op.drop_index(name, table_name="changes")
            op.create_index(name, "changes", columns, unique=unique, postgresql_where=sa.text("position IS NOT NULL"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, columns, unique in _FEED_INDEXES:
            op.drop_index(name, table_name="changes")
            op.create_index(name, "changes", columns, unique=unique)
    op.create_index("ix_dossiers_unit_status", "dossiers", ["unit_code", "status"], unique=False)
