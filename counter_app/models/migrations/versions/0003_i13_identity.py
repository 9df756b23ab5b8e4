"""applicants without a CCCD and from the CCCD QR: sex, nationality, an explicit "no phone" (issue #13)

Revision ID: 0003_i13_identity
Revises: 0002_i11_sync_attention
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003_i13_identity"
down_revision: Union[str, Sequence[str], None] = "0002_i11_sync_attention"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("applicants") as batch:
        batch.add_column(sa.Column("sex", sa.String(8), nullable=False, server_default=""))
        batch.add_column(sa.Column("nationality", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("no_phone", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("applicants") as batch:
        batch.drop_column("no_phone")
        batch.drop_column("nationality")
        batch.drop_column("sex")
