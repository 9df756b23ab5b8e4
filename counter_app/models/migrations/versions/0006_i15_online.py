"""online dossiers published by the central and their files (issue #15)

Revision ID: 0006_i15_online
Revises: 0005_i15_national_record
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006_i15_online"
down_revision: Union[str, Sequence[str], None] = "0005_i15_national_record"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "online_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        sa.Column("applicant_name", sa.String(length=255), nullable=False),
        sa.Column("id_number", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by_desk", sa.Integer(), nullable=True),
        sa.Column("local_state", sa.String(length=16), nullable=False),
        sa.Column("local_decided_at", sa.DateTime(), nullable=True),
        sa.Column("notice_code", sa.String(length=64), nullable=False),
        sa.Column("central_note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_submissions")),
        sa.UniqueConstraint("code", name=op.f("uq_online_submissions_code")),
    )
    op.create_index("ix_online_submissions_state", "online_submissions", ["state", "submitted_at"])
    op.create_table(
        "online_submission_files",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("document_name", sa.String(length=500), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["submission_id"], ["online_submissions.id"],
                                name=op.f("fk_online_submission_files_submission_id_online_submissions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_submission_files")),
    )
    op.create_index(op.f("ix_online_submission_files_submission_id"), "online_submission_files", ["submission_id"])


def downgrade() -> None:
    op.drop_table("online_submission_files")
    op.drop_table("online_submissions")
