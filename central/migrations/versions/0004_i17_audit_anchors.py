"""audit anchors: the head of each desk's audit chain at every sync

Revision ID: 0004_i17_audit_anchors
Revises: 0003_i11_quarantine
Create Date: 2026-12-01 16:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004_i17_audit_anchors'
down_revision: Union[str, Sequence[str], None] = '0003_i11_quarantine'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('audit_anchors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=40), nullable=False),
    sa.Column('desk_number', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('head', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_anchors'))
    )
    op.create_index('ix_audit_anchors_desk_seq', 'audit_anchors', ['unit_code', 'desk_number', 'seq'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_anchors_desk_seq', table_name='audit_anchors')
    op.drop_table('audit_anchors')
