"""quarantined desk events; desk high-water marks and installation; an index covering the
province counters (issue #11)

Revision ID: 0003_i11_quarantine
Revises: 0002_i20_feed_positions
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003_i11_quarantine"
down_revision: Union[str, Sequence[str], None] = "0002_i20_feed_positions"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "quarantined_events",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("entity_key", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_quarantined_events")),
    )
    op.create_index("ix_quarantined_events_open", "quarantined_events", ["resolved_at", "unit_code", "desk_number"])
    op.create_index(op.f("ix_quarantined_events_entity_key"), "quarantined_events", ["entity_key"])
    op.create_table(
        "desk_code_marks",
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit_code", "desk_number", "day", "kind", name=op.f("pk_desk_code_marks")),
    )
    with op.batch_alter_table("desk_streams") as batch:
        batch.add_column(sa.Column("installation_id", sa.String(length=64), nullable=False, server_default=""))
        batch.add_column(sa.Column("installation_seen_at", sa.DateTime(), nullable=True))
    # National procedure names run past 500 characters (fields.PROCEDURE_NAME is 1,000).
    with op.batch_alter_table("procedures") as batch:
        batch.alter_column("name", type_=sa.String(length=1000), existing_type=sa.String(length=500),
                           existing_nullable=False)
    with op.batch_alter_table("dossiers") as batch:
        batch.alter_column("procedure_name", type_=sa.String(length=1000), existing_type=sa.String(length=500),
                           existing_nullable=False)
    op.create_index("ix_dossiers_counters", "dossiers",
                    ["unit_code", "status", "due_at", "received_at", "returned_at"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_counters", "dossiers")
    with op.batch_alter_table("desk_streams") as batch:
        batch.drop_column("installation_seen_at")
        batch.drop_column("installation_id")
    op.drop_table("desk_code_marks")
    op.drop_table("quarantined_events")
