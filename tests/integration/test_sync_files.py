"""Digitised papers reach the central (issue #13): queued, chunked, resumable, idempotent by hash,
through a link that cuts uploads mid-file and a central killed mid-file; the back office downloads
them, the public lookup only says a result file exists. Real central processes on loopback."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from central.db import CentralDatabase
from central.files import files_dir
from central.models import Attachment as CentralAttachment
from counter_app.models import Attachment, local_now
from counter_app.services import attachments
from counter_app.sync import files as file_sync
from counter_app.sync import protocol as p
from counter_app.sync.client import CentralClient, SyncError
from counter_app.sync.service import SyncReport, SyncService

from .harness import FaultProxy, connect, make_desk, register_back_office, register_desk, web


def scan_pdf(path: Path, size: int, seed: int) -> Path:
    """A PDF-shaped file of ``size`` bytes (incompressible content, as a photo scan)."""
    body = hashlib.shake_256(str(seed).encode()).digest(size - 20)
    path.write_bytes(b"%PDF-1.4\n" + body[: size - 20] + b"\n%%EOF\n")
    return path


def attach_one(desk, tmp_path: Path, size: int, *, seed: int = 1, result: bool = False) -> tuple[str, str]:  # noqa: ANN001
    [code] = desk.receive(1, start=datetime(2026, 11, 2, 8, 0))
    if result:
        from counter_app.models import Dossier

        with desk.db.write() as s:
            s.execute(select(Dossier).where(Dossier.code == code)).scalar_one().result_ready_at = local_now()
    [info] = attachments.attach(desk.db, desk.context, code, [scan_pdf(tmp_path / f"scan{seed}.pdf", size, seed)],
                                role="result" if result else "received")
    return code, info.sha256


def drain(sync: SyncService, desk, passes: int = 80) -> int:  # noqa: ANN001
    failures = 0
    for _ in range(passes):
        try:
            sync.sync_once()
        except SyncError:
            failures += 1
            continue
        if not file_sync.pending(desk.db):
            return failures
    raise AssertionError("files still pending after the passes")


def central_copy(central, sha: str) -> Path:  # noqa: ANN001
    return files_dir(central.database_url) / sha[:2] / f"{sha}.pdf"


def _cut_mid_chunk(central, token: str, sha: str, offset: int, size: int, chunk: bytes) -> None:  # noqa: ANN001
    """A chunk whose connection is cut halfway: the request head and half the body, then a reset."""
    import socket
    import struct

    head = (f"PUT {p.FILES_PATH}/{sha}?offset={offset}&size={size} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {len(chunk)}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", central.port)) as conn:
        conn.sendall(head + chunk[: len(chunk) // 2])
        time.sleep(0.2)  # the central is reading the body
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not a clean close


def test_file_arrives_once_through_a_link_cut_mid_upload(tmp_path, central_factory):
    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(cdb, desk)
    code, sha = attach_one(desk, tmp_path, 3 * 1024 * 1024 + 12345)
    data = attachments.list_files(desk.db, code)[0].path.read_bytes()
    chunk = p.FILE_CHUNK_BYTES
    # The events reach the central; one chunk arrives, the next is cut mid-way by the link.
    connect(desk, central.url, token)
    with CentralClient(central.url, token) as client:
        SyncService(desk.db)._push(client, desk.context.desk_id, SyncReport(), lambda *_: None)
        assert client.upload_chunk(sha, 0, len(data), data[:chunk]) == {"received": chunk, "complete": False}
        _cut_mid_chunk(central, token, sha, chunk, len(data), data[chunk:2 * chunk])
        assert client.file_status(sha) == {"received": chunk, "complete": False}  # nothing of the cut chunk
    # The rest goes through a link that drops connections and cuts requests and answers at random.
    proxy = FaultProxy(central.port, seed=int(os.environ.get("SYNC_FAULT_SEED", "13")), drop=0.1,
                       cut_request=0.002, cut_response=0.05, delay=0.05).start()
    connect(desk, proxy.url, token)
    try:
        drain(SyncService(desk.db, timeout=5.0), desk)
    finally:
        proxy.stop()
    copy = central_copy(central, sha)
    assert copy.read_bytes() == data and hashlib.sha256(copy.read_bytes()).hexdigest() == sha
    assert list(copy.parent.parent.glob("??/*.pdf")) == [copy]  # once
    assert not list((copy.parent.parent / "partial").glob("*.part"))
    with cdb.read() as s:
        assert s.execute(select(func.count()).select_from(CentralAttachment)).scalar_one() == 1
    with desk.db.read() as s:
        assert s.execute(select(Attachment.uploaded_at)).scalar_one() is not None
    assert file_sync.upload_pending(desk.db, CentralClient(central.url, token)) == 0  # nothing sent again
    assert central.error_lines() == []
    cdb.dispose()


def test_central_killed_mid_file_and_the_desk_resumes(tmp_path, central_factory):
    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(cdb, desk)
    connect(desk, central.url, token)
    code, sha = attach_one(desk, tmp_path, 1_500_000, seed=2)
    sync = SyncService(desk.db, timeout=5.0)
    # The events go; half the file goes (what a desk killed mid-upload leaves), then the central dies.
    with CentralClient(central.url, token) as client:
        sync._push(client, desk.context.desk_id, SyncReport(), lambda *_: None)
        path = attachments.list_files(desk.db, code)[0].path
        data = path.read_bytes()
        state = client.upload_chunk(sha, 0, len(data), data[:p.FILE_CHUNK_BYTES])
        assert state == {"received": p.FILE_CHUNK_BYTES, "complete": False}
    central.kill()
    try:
        sync.sync_once()
    except SyncError as exc:
        assert "kết nối" in exc.message
    central.start()
    drain(sync, desk, passes=3)
    assert hashlib.sha256(central_copy(central, sha).read_bytes()).hexdigest() == sha
    # The back office downloads it; a desk token cannot; the lookup page says a result file exists only
    # for results and serves no file.
    officer = register_back_office(cdb)
    got = web.get(f"{central.url}{p.FILES_PATH}/{sha}", headers={"Authorization": f"Bearer {officer}"})
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == sha
    listed = web.get(f"{central.url}{p.BACKOFFICE_PATH}/{code}/files",
                       headers={"Authorization": f"Bearer {officer}"}).json()
    assert [(f["sha256"], f["uploaded"]) for f in listed["files"]] == [(sha, True)]
    refused = web.get(f"{central.url}{p.FILES_PATH}/{sha}", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403
    assert web.get(f"{central.url}{p.FILES_PATH}/{sha}").status_code == 401
    page = web.get(f"{central.url}{p.LOOKUP_PATH}/{code}").text
    assert "số hóa" not in page and sha not in page
    rcode, rsha = attach_one(desk, tmp_path, 20_000, seed=3, result=True)
    drain(sync, desk, passes=3)
    page = web.get(f"{central.url}{p.LOOKUP_PATH}/{rcode}").text
    assert "Kết quả đã được số hóa" in page and rsha not in page and "/files/" not in page
    assert central.error_lines() == []
    cdb.dispose()


def test_upload_of_a_file_never_announced_is_refused(tmp_path, central_factory):
    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(cdb, desk)
    with CentralClient(central.url, token) as client:
        with pytest.raises(SyncError) as caught:
            client.upload_chunk("a" * 64, 0, 10, b"0123456789")
    assert "chưa báo" in caught.value.message
    assert not (files_dir(central.database_url) / "partial").exists()
    cdb.dispose()


def _plain_copy_seconds(data: bytes) -> float:
    """The same bytes over the same loopback link with nothing around them: one TCP stream, read to the end."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    got = bytearray()

    def sink() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(1 << 20):
                got.extend(chunk)

    thread = threading.Thread(target=sink)
    thread.start()
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as out:
        out.sendall(data)
    thread.join()
    elapsed = time.perf_counter() - started
    server.close()
    assert bytes(got) == data
    return elapsed


def test_upload_rate_against_a_plain_copy(tmp_path, central_factory):
    """The note's number: the chunked, hashed, fsynced upload of a 10 MB file to a real central on
    loopback, as a ratio to copying the same bytes over the same link (best of three each)."""
    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(cdb, desk)
    connect(desk, central.url, token)
    size = 10 * 1024 * 1024
    code, sha = attach_one(desk, tmp_path, size, seed=7)
    SyncService(desk.db, timeout=30.0).sync_once()  # the events: the central learns of the file
    data = attachments.list_files(desk.db, code)[0].path.read_bytes()
    upload = []
    for _ in range(3):
        with desk.db.write() as s:  # send it again from zero: a fresh copy at the central each time
            s.execute(update(Attachment).values(uploaded_at=None))
        shutil.rmtree(files_dir(central.database_url), ignore_errors=True)
        started = time.perf_counter()
        with CentralClient(central.url, token, timeout=30.0) as client:
            assert file_sync.upload_pending(desk.db, client) == 1
        upload.append(time.perf_counter() - started)
    plain = min(_plain_copy_seconds(data) for _ in range(3))
    ratio = min(upload) / plain
    print(f"\n10 MB upload: {min(upload):.3f} s ({size / min(upload) / 1e6:.0f} MB/s), plain loopback copy "
          f"{plain:.4f} s: x{ratio:.1f}")
    assert hashlib.sha256(central_copy(central, sha).read_bytes()).hexdigest() == sha
    assert ratio < 200  # a loaded 2-core machine still uploads at tens of MB/s
    cdb.dispose()


def test_central_counters_give_the_desks_digitisation_and_reuse_rates(tmp_path, central_factory):
    from dataclasses import replace

    from counter_app.services import catalog, reception, stats
    from tests.unit.test_reception import NA, WHEN, P, birth_form

    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(cdb, desk)
    connect(desk, central.url, token)
    first = reception.receive(desk.db, desk.context, birth_form(desk.db, [P, P, NA]), now=WHEN).dossier_code
    for number in ("1", "2"):
        attachments.attach(desk.db, desk.context, first, [scan_pdf(tmp_path / f"p{number}.pdf", 5000, int(number))],
                           document=number)
    with desk.db.read() as s:
        docs = [d.id for d in catalog.get_detail(s, code="1.001193").cases[0].documents]
    offers = {o.required_document_id: o.attachment_id for o in attachments.reusable(desk.db, "096185001234")}
    reception.receive(desk.db, desk.context, replace(birth_form(desk.db, [P, P, NA]), reuse=(
        (docs[1], offers[docs[1]]),)), now=WHEN.replace(hour=10))
    reception.receive(desk.db, desk.context, birth_form(desk.db, [P, P, NA]), now=WHEN.replace(hour=11))
    drain(SyncService(desk.db, timeout=10.0), desk, passes=3)
    day = WHEN.date().isoformat()
    got = web.get(f"{central.url}{p.COUNTERS_PATH}", params={"from": day, "to": day},
                    headers={"Authorization": f"Bearer {token}"}).json()["digitisation"]["total"]
    desk_counts = stats.dashboard(desk.db, WHEN.date()).digitisation.to_json()
    assert got == desk_counts == {"received": 3, "fully_digitised": 1, "provided_documents": 6,
                                  "reused_documents": 1, "digitisation_rate": 33.3, "reuse_rate": 16.7}
    cdb.dispose()
