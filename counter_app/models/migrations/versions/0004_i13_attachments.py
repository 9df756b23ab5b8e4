"""digitised papers: attachments of dossiers, content-addressed (issue #13)

Revision ID: 0004_i13_attachments
Revises: 0003_i13_identity
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_i13_attachments"
down_revision: Union[str, Sequence[str], None] = "0003_i13_identity"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("required_document_id", sa.Integer(), sa.ForeignKey("required_documents.id"), nullable=True),
        sa.Column("document_name", sa.String(500), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reused", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("reused_from_uuid", sa.String(36), nullable=False),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_attachments_dossier_document", "attachments", ["dossier_id", "required_document_id"])
    op.create_index("ix_attachments_upload", "attachments", ["uploaded_at", "id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])


def downgrade() -> None:
    op.drop_table("attachments")
