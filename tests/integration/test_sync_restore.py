"""Restored and copied desk files (issue #11): a desk behind the central's high-water marks refuses
to mint codes until it has fast-forwarded, and never hands out a code the central has seen; a file
in use on two PCs at once is explained, not merged."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from central.db import CentralDatabase
from central.models import DeskStream
from central.models import Dossier as CentralDossier
from counter_app.models.db import Database
from counter_app.services.restore_guard import CountersBehindError
from counter_app.sync import attention, guard
from counter_app.sync.client import RejectedError
from counter_app.sync.service import SyncService, status

from .harness import central_statuses, connect, make_desk, register_desk

DAY = datetime(2026, 11, 2, 8, 0)


def _backup(desk, target) -> None:  # noqa: ANN001
    """An online backup of the desk file (SQLite backup API), as a backup tool takes it."""
    with sqlite3.connect(desk.path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _restore(desk, backup) -> None:  # noqa: ANN001
    """The desk file replaced by the backup, as an officer copying it back by hand would."""
    desk.db.dispose()
    for suffix in ("", "-wal", "-shm"):
        desk.path.with_name(desk.path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, desk.path)
    desk.db = Database(desk.path)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def test_a_desk_restored_from_a_backup_never_reissues_a_code(tmp_path, central_factory, backend):
    central = central_factory(backend)
    central_db = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    sync = lambda: SyncService(desk.db, installation="pc-1").sync_once()  # noqa: E731
    first = desk.receive(2, start=DAY)
    sync()
    _backup(desk, tmp_path / "backup.sqlite")
    later = desk.receive(3, start=DAY)
    sync()
    seen = set(first + later)
    assert set(central_statuses(central_db)) == seen

    # Restored through the restore service: no code until a sync has fast-forwarded the counters.
    _restore(desk, tmp_path / "backup.sqlite")
    guard.mark_restored(desk.db)
    with pytest.raises(CountersBehindError) as err:
        desk.receive(1, start=DAY)
    assert "khôi phục từ bản sao lưu" in err.value.message and "Đồng bộ ngay" in err.value.message
    report = sync()
    assert report.fast_forward["codes"] >= 1 and guard.needs_fast_forward(desk.db) == ""
    [new] = desk.receive(1, start=DAY)
    assert new not in seen and new.endswith("-1006")
    assert sync().pushed == 1 and set(central_statuses(central_db)) == seen | {new}

    # Restored by hand (no service call) and used offline before syncing: the desk cannot know, but
    # the sync fast-forwards what it can, and the central keeps the other citizen's dossier intact.
    _restore(desk, tmp_path / "backup.sqlite")
    [reissued] = desk.receive(1, start=DAY)
    assert reissued == first[-1][:-4] + "1003"  # what the old counters gave
    with central_db.read() as s:
        owner = s.execute(select(CentralDossier.applicant_name, CentralDossier.id_number)
                          .where(CentralDossier.code == reissued)).one()
    report = sync()
    assert report.fast_forward["renumbered"] == 1 and report.quarantined == 1 and status(desk.db).state == "ok"
    [item] = attention.items(desk.db)
    assert item.entity_key == reissued and "đã được cấp cho một hồ sơ khác" in item.reason
    with central_db.read() as s:
        assert s.execute(select(CentralDossier.applicant_name, CentralDossier.id_number)
                         .where(CentralDossier.code == reissued)).one() == owner
    [after] = desk.receive(1, start=DAY)
    assert after.endswith("-1007") and sync().pushed == 1
    central_db.dispose()


def test_a_desk_file_copied_to_a_second_pc(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    codes = desk.receive(2, start=DAY)
    SyncService(desk.db, installation="pc-1").sync_once()
    copy_path = tmp_path / "copy.sqlite"
    _backup(desk, copy_path)
    copy = Database(copy_path)

    # PC 2 opens the copy while PC 1 is alive: explained, nothing merged, no code minted.
    assert guard.check_installation(copy, "pc-2")
    with pytest.raises(RejectedError) as err:
        SyncService(copy, installation="pc-2").sync_once()
    assert "đang được dùng trên một máy khác" in err.value.message and status(copy).state == "rejected"
    assert "sao chép" in guard.needs_fast_forward(copy)
    more = desk.receive(1, start=DAY)  # PC 1 goes on working
    SyncService(desk.db, installation="pc-1").sync_once()

    # PC 1 is retired (not seen for a while): PC 2 takes over, after the codes PC 1 issued.
    with central_db.write() as s:
        s.execute(update(DeskStream).values(installation_seen_at=datetime.now() - timedelta(minutes=11)))
    report = SyncService(copy, installation="pc-2").sync_once()
    assert report.fast_forward is not None and guard.needs_fast_forward(copy) == ""
    with copy.write() as s:
        from counter_app.models import Officer, ProcedureCase
        from counter_app.services import dossiers, org
        from tests.helpers import applicant

        d = dossiers.create_dossier(s, desk=org.current_desk(s), officer=s.execute(select(Officer)).scalars().first(),
                                    case=s.execute(select(ProcedureCase)).scalars().first(),
                                    applicant=applicant(s, "096085009999"), received_at=DAY)
        new = d.code
    assert new not in codes + more and new.endswith("-1004")
    assert SyncService(copy, installation="pc-2").sync_once().pushed == 1
    assert set(central_statuses(central_db)) == set(codes + more + [new])
    # And now PC 1, still running somewhere, is the one refused.
    with pytest.raises(RejectedError):
        SyncService(desk.db, installation="pc-1").sync_once()
    copy.dispose()
