"""events the central refused and kept aside (issue #11)

Revision ID: 0002_i11_sync_attention
Revises: 0001
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002_i11_sync_attention"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_events") as batch:
        batch.add_column(sa.Column("refused_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))
    op.create_index("ix_outbox_events_refused", "outbox_events", ["refused_reason", "resolved_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_events_refused", "outbox_events")
    with op.batch_alter_table("outbox_events") as batch:
        batch.drop_column("resolved_at")
        batch.drop_column("refused_reason")
