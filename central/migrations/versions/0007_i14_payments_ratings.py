"""fee payments and satisfaction ratings received from the desks (issue #14)

Revision ID: 0007_i14_payments_ratings
Revises: 0006_i15_online
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007_i14_payments_ratings"
down_revision: Union[str, Sequence[str], None] = "0006_i15_online"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_payments")),
    )
    op.create_index("ix_payments_dossier_code", "payments", ["dossier_code"])
    op.create_index("ix_payments_unit_paid", "payments", ["unit_code", "paid_at"])
    op.create_table(
        "ratings",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("officer_name", sa.String(length=255), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_ratings")),
    )
    op.create_index("ix_ratings_dossier_code", "ratings", ["dossier_code"])
    op.create_index("ix_ratings_unit_rated", "ratings", ["unit_code", "rated_at"])


def downgrade() -> None:
    op.drop_table("ratings")
    op.drop_table("payments")
