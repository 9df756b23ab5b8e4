"""the national portal's outbound queue (issue #15)

Revision ID: 0005_i15_portal
Revises: 0004_i17_audit_anchors
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005_i15_portal"
down_revision: Union[str, Sequence[str], None] = "0004_i17_audit_anchors"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "portal_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_deliveries")),
        sa.UniqueConstraint("uuid", name=op.f("uq_portal_deliveries_uuid")),
    )
    op.create_index("ix_portal_deliveries_due", "portal_deliveries", ["state", "next_attempt_at", "id"])
    op.create_index("ix_portal_deliveries_dossier", "portal_deliveries", ["dossier_code", "id"])


def downgrade() -> None:
    op.drop_table("portal_deliveries")
