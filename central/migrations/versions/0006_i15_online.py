"""dossiers submitted on the national portal and their files (issue #15)

Revision ID: 0006_i15_online
Revises: 0005_i15_portal
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006_i15_online"
down_revision: Union[str, Sequence[str], None] = "0005_i15_portal"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "online_dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_dossiers")),
        sa.UniqueConstraint("code", name=op.f("uq_online_dossiers_code")),
    )
    op.create_index("ix_online_dossiers_unit_state", "online_dossiers", ["unit_code", "state"])
    op.create_table(
        "online_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("online_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_code", sa.String(length=40), nullable=False),
        sa.Column("document_name", sa.String(length=500), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["online_id"], ["online_dossiers.id"],
                                name=op.f("fk_online_files_online_id_online_dossiers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_files")),
    )
    op.create_index(op.f("ix_online_files_online_id"), "online_files", ["online_id"])


def downgrade() -> None:
    op.drop_table("online_files")
    op.drop_table("online_dossiers")
