"""where a dossier's code was minted (backlog import, national portal) and an online dossier's
submission moment (issue #15)

Revision ID: 0005_i15_national_record
Revises: 0004_i13_attachments
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005_i15_national_record"
down_revision: Union[str, Sequence[str], None] = "0004_i13_attachments"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("origin", sa.String(length=16), nullable=False, server_default=""))
        batch.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("submitted_at")
        batch.drop_column("origin")
