"""changes feed without a shared counter row: row ids from a sequence, cursor positions assigned
after commit (see central/feed.py)

Revision ID: 0002_i20_feed_positions
Revises: 0001
Create Date: 2026-12-01 16:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002_i20_feed_positions'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.add_column('changes', sa.Column('position', sa.Integer(), nullable=True))
    op.execute("UPDATE changes SET position = id")  # desks' stored cursors stay valid
    if postgres:
        # Row ids come from a sequence now (the SQLite column is already a rowid alias).
        op.execute("CREATE SEQUENCE changes_id_seq OWNED BY changes.id")
        op.execute("SELECT setval('changes_id_seq', COALESCE((SELECT max(id) FROM changes), 0) + 1, false)")
        op.execute("ALTER TABLE changes ALTER COLUMN id SET DEFAULT nextval('changes_id_seq')")
    op.drop_index('ix_changes_scope', table_name='changes')
    op.drop_index('ix_changes_entity', table_name='changes')
    op.create_index('ix_changes_scope', 'changes', ['unit_code', 'desk_number', 'position'], unique=False)
    op.create_index('ix_changes_entity', 'changes', ['entity_key', 'position'], unique=False)
    op.create_index('uq_changes_position', 'changes', ['position'], unique=True)
    op.create_index('ix_changes_unsequenced', 'changes', ['id'], unique=False,
                    postgresql_where=sa.text('position IS NULL'), sqlite_where=sa.text('position IS NULL'))
    op.drop_table('feed_state')


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table('feed_state',
                    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('last_id', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_state')))
    op.execute("DELETE FROM changes WHERE position IS NULL")
    op.execute("UPDATE changes SET id = -position")  # two steps: no transient duplicate key
    op.execute("UPDATE changes SET id = -id")
    op.execute("INSERT INTO feed_state (id, last_id) SELECT 1, COALESCE(max(id), 0) FROM changes")
    op.drop_index('ix_changes_unsequenced', table_name='changes')
    op.drop_index('uq_changes_position', table_name='changes')
    op.drop_index('ix_changes_entity', table_name='changes')
    op.drop_index('ix_changes_scope', table_name='changes')
    op.create_index('ix_changes_entity', 'changes', ['entity_key', 'id'], unique=False)
    op.create_index('ix_changes_scope', 'changes', ['unit_code', 'desk_number', 'id'], unique=False)
    if postgres:
        op.execute("ALTER TABLE changes ALTER COLUMN id DROP DEFAULT")
        op.execute("DROP SEQUENCE changes_id_seq")
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_column('position')
