"""files desks attach to dossiers (digitised papers, issue #13)

Revision ID: 0008_i13_attachments
Revises: 0007_i14_payments_ratings
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008_i13_attachments"
down_revision: Union[str, Sequence[str], None] = "0007_i14_payments_ratings"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("document_name", sa.String(length=500), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("reused", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_dossier_code", "attachments", ["dossier_code"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256", "unit_code", "desk_number"])
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("documents_provided", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("documents_provided")
    op.drop_index("ix_attachments_sha256", table_name="attachments")
    op.drop_index("ix_attachments_dossier_code", table_name="attachments")
    op.drop_table("attachments")
