"""fees per procedure case and per dossier, payments, satisfaction ratings (issue #14)

Revision ID: 0007_i14_fees_payments
Revises: 0006_i15_online
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007_i14_fees_payments"
down_revision: Union[str, Sequence[str], None] = "0006_i15_online"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("procedure_cases") as batch:
        batch.add_column(sa.Column("fee_schedule", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("fee_due", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("fee_detail", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("payer_name", sa.String(length=255), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by_id", sa.Integer(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_payments_amount_not_negative")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f("fk_payments_desk_id_desks")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_payments_dossier_id_dossiers")),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"], name=op.f("fk_payments_officer_id_officers")),
        sa.ForeignKeyConstraint(["voided_by_id"], ["officers.id"], name=op.f("fk_payments_voided_by_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("number", name=op.f("uq_payments_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_payments_uuid")),
    )
    op.create_index("ix_payments_dossier_id", "payments", ["dossier_id"])
    op.create_index("ix_payments_officer_id", "payments", ["officer_id"])
    op.create_index("ix_payments_paid_at", "payments", ["paid_at"])
    op.create_index("ix_payments_voided_at", "payments", ["voided_at"])
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("score IN (1, 2, 3)", name=op.f("ck_ratings_score_known")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f("fk_ratings_desk_id_desks")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_ratings_dossier_id_dossiers")),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"], name=op.f("fk_ratings_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("dossier_id", "officer_id", "stage", name="uq_ratings_dossier_officer_stage"),
        sa.UniqueConstraint("uuid", name=op.f("uq_ratings_uuid")),
    )
    op.create_index("ix_ratings_dossier_id", "ratings", ["dossier_id"])
    op.create_index("ix_ratings_officer_id", "ratings", ["officer_id"])
    op.create_index("ix_ratings_rated_at", "ratings", ["rated_at"])


def downgrade() -> None:
    op.drop_table("ratings")
    op.drop_table("payments")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("fee_detail")
        batch.drop_column("fee_due")
    with op.batch_alter_table("procedure_cases") as batch:
        batch.drop_column("fee_schedule")
