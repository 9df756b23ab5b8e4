"""desk search indexes for multi-million files with real family-name shares (issue #20)

The applicant's dossiers are found through (applicant_id, status, received_at, due_at), so a name
search with a status, date or due-state filter checks each candidate in the index instead of reading
its row; a status (and date) search carries the applicant id in (status, received_at, applicant_id),
so the name can be checked without reading the dossier. Both replace narrower indexes they cover.

Revision ID: 0008_i20_search_indexes
Revises: 0007_i14_fees_payments
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0008_i20_search_indexes"
down_revision: Union[str, Sequence[str], None] = "0007_i14_fees_payments"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_dossiers_applicant_status", "dossiers", ["applicant_id", "status", "received_at", "due_at"])
    op.drop_index("ix_dossiers_applicant_id", table_name="dossiers")
    op.create_index("ix_dossiers_status_received_applicant", "dossiers", ["status", "received_at", "applicant_id"])
    op.drop_index("ix_dossiers_status_received", table_name="dossiers")


def downgrade() -> None:
    op.create_index("ix_dossiers_status_received", "dossiers", ["status", "received_at"])
    op.drop_index("ix_dossiers_status_received_applicant", table_name="dossiers")
    op.create_index("ix_dossiers_applicant_id", "dossiers", ["applicant_id"])
    op.drop_index("ix_dossiers_applicant_status", table_name="dossiers")
