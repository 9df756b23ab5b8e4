"""Digitised papers (issue #13): attach from files and the scan folder, compact PDFs read back,
the exact command lines, limits with clear messages, reuse for a returning applicant, kill -9."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader
from sqlalchemy import func, select

from counter_app.cli import main
from counter_app.models import Attachment, OutboxEvent, local_now
from counter_app.services import attachments, catalog, file_store, reception, settings
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import ValidationError
from tests.unit.test_reception import APPLICANT, NA, WHEN, P, birth_form

COUNTER_APP = Path(sys.executable).with_name("counter-app")
FONT = next(Path(__file__).resolve().parents[2].joinpath("counter_app/resources/fonts").rglob("*.ttf"))


def scan_page(path: Path, *, seed: int, dpi: int = 300, mode: str = "L", fmt: str = "JPEG") -> Path:
    """An A4 page of text as an office scanner delivers it at ``dpi`` (slight blur and noise)."""
    rnd = random.Random(seed)
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (width, height), 245)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), max(10, dpi // 8))
    for line in range(55):
        words = " ".join("".join(rnd.choice("aăâbcdđeêghiklmnoôơpqrstuưvxy") for _ in range(rnd.randint(2, 7)))
                         for _ in range(11))
        draw.text((dpi * 2 // 3, dpi * 2 // 3 + line * dpi // 6), words, fill=25, font=font)
    page = Image.blend(page.filter(ImageFilter.GaussianBlur(0.6)), _sensor_noise(page.size), 0.08)
    if mode == "RGB":
        page = page.convert("RGB")
        ImageDraw.Draw(page).ellipse((width - dpi * 2, height - dpi * 2, width - dpi // 2, height - dpi // 2),
                                     outline=(200, 20, 20), width=dpi // 20)  # the red seal
    elif mode == "1":
        page = page.point(lambda v: 255 if v > 128 else 0, "1")
    page.save(path, fmt, dpi=(dpi, dpi), **({"quality": 90} if fmt == "JPEG" else {}))
    return path


@cache
def _sensor_noise(size: tuple[int, int]) -> Image.Image:
    """The scanner's noise, drawn once per page size: it was most of a page's cost (a second at
    300 dpi), and the pages still differ in their text."""
    return Image.effect_noise(size, 6)


@pytest.fixture(scope="module")
def ten_pages(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("scan300")
    return [scan_page(folder / f"trang{n:02d}.jpg", seed=n) for n in range(1, 11)]


@pytest.fixture
def dossier_code(db, desk_context) -> str:
    return reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN).dossier_code


def pdf_bytes(pages: int = 1) -> bytes:
    image = Image.new("L", (200, 280), 255)
    out = io.BytesIO()
    image.save(out, "PDF", save_all=True, append_images=[image] * (pages - 1))
    return out.getvalue()


def stored_rows(db) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.execute(select(func.count()).select_from(Attachment)).scalar_one()


def cli(db, *args: str) -> int:  # noqa: ANN001
    return main([*args[:2], "--db", str(db.path), *args[2:]])


def test_attach_a_pdf_and_list_it_by_command_line(db, dossier_code, tmp_path, capsys):
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(pdf_bytes(2))
    assert cli(db, "dossier", "attach", dossier_code, str(pdf), "--document", "tờ khai") == 0
    capsys.readouterr()
    assert cli(db, "dossier", "files", dossier_code, "--json") == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["name"] == "to-khai.pdf" and listed["document"].startswith("Tờ khai đăng ký khai sinh")
    assert listed["size"] == pdf.stat().st_size and listed["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    stored = Path(listed["path"])
    assert stored.read_bytes() == pdf.read_bytes() and listed["digitised"] and not listed["reused"]
    with db.read() as s:
        event = s.execute(select(OutboxEvent).where(OutboxEvent.kind == "attachment.added")).scalar_one()
        assert json.loads(event.payload)["details"]["attachment"]["sha256"] == listed["sha256"]
        flags = attachments.document_flags(s, s.execute(select(Attachment.dossier_id)).scalar_one())
    assert list(flags.values()) == [attachments.DocumentFlags(True, False)]


def test_the_exact_command_lines_as_a_process(db, dossier_code, tmp_path):
    """`counter-app dossier attach CODE FILE... [--document NAME]` and `counter-app dossier files CODE --json`."""
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    Image.new("RGB", (850, 1100), "white").save(first, dpi=(100, 100))
    Image.new("RGB", (850, 1100), "white").save(second, dpi=(100, 100))
    db.dispose()
    env = {**os.environ, "COUNTER_APP_DB": str(db.path)}
    done = subprocess.run([str(COUNTER_APP), "dossier", "attach", dossier_code, str(first), str(second),
                           "--document", "2"], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([str(COUNTER_APP), "dossier", "files", dossier_code, "--json"], capture_output=True,
                            text=True, timeout=120, env=env)
    [item] = json.loads(listed.stdout)
    assert item["name"] == "a.pdf" and item["pages"] == 2 and "Giấy chứng sinh" in item["document"]
    assert len(PdfReader(item["path"]).pages) == 2


def test_ten_page_300_dpi_scan_becomes_one_compact_pdf(db, dossier_code, desk_context, ten_pages):
    started = time.perf_counter()
    [info] = attachments.attach(db, desk_context, dossier_code, ten_pages, document="1", source="folder")
    elapsed = time.perf_counter() - started
    reader = PdfReader(info.path)
    assert len(reader.pages) == 10 and info.pages == 10
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 kept
    source = sum(p.stat().st_size for p in ten_pages)
    # The size docs/attachments.md states: under 4 MB for ten noisy greyscale pages (≈ 10 MB as scanned).
    assert info.size < 4 * 1024 * 1024, info.size
    print(f"\n10 pages 300 dpi: {source} B scanned -> {info.size} B PDF (x{info.size / source:.2f}) in {elapsed:.2f} s")


def test_bilevel_and_colour_pages(tmp_path):
    bw = scan_page(tmp_path / "bw.tif", seed=1, mode="1", fmt="TIFF")
    colour = scan_page(tmp_path / "seal.png", seed=2, dpi=150, mode="RGB", fmt="PNG")
    [(_, bw_pdf, _)] = file_store.prepare([bw])
    assert len(bw_pdf) < 150_000 and b"CCITTFaxDecode" in bw_pdf  # Group 4: a few tens of KB a page
    [(_, colour_pdf, _)] = file_store.prepare([colour])
    assert b"DeviceRGB" in colour_pdf  # the red seal keeps its colour


@pytest.mark.parametrize(("content", "words"), [
    (b"PK\x03\x04 a zip file", "không phải PDF, JPEG, PNG hay TIFF"),
    (b"%PDF-1.7 cut short by the scanner", "không trọn vẹn"),
    (b"\xff\xd8\xff\xe0 broken jpeg", "bị hỏng"),
])
def test_bad_files_are_refused_with_nothing_stored(db, dossier_code, tmp_path, capsys, content, words):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(content)
    assert cli(db, "dossier", "attach", dossier_code, str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and words in err and "Traceback" not in err
    assert stored_rows(db) == 0


def test_unknown_document_and_dossier(db, dossier_code, tmp_path, capsys):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(pdf_bytes())
    assert cli(db, "dossier", "attach", dossier_code, str(pdf), "--document", "hộ chiếu") == 1
    assert "không có giấy tờ nào khớp «hộ chiếu»" in capsys.readouterr().err
    assert cli(db, "dossier", "attach", "000.00.01.H12-261125-9999", str(pdf)) == 1
    assert "Không có hồ sơ" in capsys.readouterr().err
    assert cli(db, "dossier", "attach", dossier_code, str(tmp_path / "missing.pdf")) == 1
    assert "Không có tệp" in capsys.readouterr().err
    assert stored_rows(db) == 0


def test_size_limit_per_file(db, dossier_code, desk_context, tmp_path):
    with db.write() as s:
        settings.put(s, attachments.MAX_FILE_MB_KEY, 1)
    noisy = tmp_path / "noisy.png"
    Image.effect_noise((1700, 2300), 120).convert("RGB").save(noisy, dpi=(200, 200))
    with pytest.raises(ValidationError) as caught:
        attachments.attach(db, desk_context, dossier_code, [noisy])
    assert "vượt giới hạn 1 MB mỗi tệp" in caught.value.message
    assert stored_rows(db) == 0


def test_result_document_only_when_the_result_is_ready(db, dossier_code, desk_context, tmp_path):
    pdf = tmp_path / "giay-khai-sinh.pdf"
    pdf.write_bytes(pdf_bytes())
    with pytest.raises(ValidationError, match="chưa có kết quả"):
        attachments.attach(db, desk_context, dossier_code, [pdf], role="result")
    from counter_app.models import Dossier

    with db.write() as s:
        s.execute(select(Dossier)).scalar_one().result_ready_at = local_now()
    [info] = attachments.attach(db, desk_context, dossier_code, [pdf], role="result")
    assert info.role == "result" and info.document == ""


def test_scan_folder_offers_finished_files_and_keeps_them_after(tmp_path):
    folder = tmp_path / "scan-to-folder"
    folder.mkdir()
    old = folder / "scan_0001.pdf"
    old.write_bytes(pdf_bytes())
    os.utime(old, (time.time() - 10, time.time() - 10))
    fresh = folder / "scan_0002.pdf"
    fresh.write_bytes(b"%PDF-1.7 being written")  # the scanner is still writing it: not offered yet
    (folder / "notes.txt").write_text("x")
    assert attachments.new_scans(folder) == [old]
    attachments.done_with_scans([old])
    assert not old.exists() and (folder / "da-dinh-kem" / "scan_0001.pdf").exists()


def test_returning_applicant_is_offered_earlier_papers_and_reuse_is_recorded(db, dossier_code, desk_context,
                                                                             tmp_path):
    pdf = tmp_path / "chung-sinh.pdf"
    pdf.write_bytes(pdf_bytes())
    attachments.attach(db, desk_context, dossier_code, [pdf], document="Giấy chứng sinh")
    offers = attachments.reusable(db, APPLICANT.id_number)
    assert [(o.document[:15], o.dossier_code) for o in offers] == [("Giấy chứng sinh", dossier_code)]
    form = birth_form(db, [P, P, NA])
    with db.read() as s:
        docs = [(d.id, d.name) for d in catalog.get_detail(s, code="1.001193").cases[0].documents]
    matched = attachments.match_reusable(offers, docs)
    assert list(matched) == [docs[1][0]]
    second = reception.receive(db, desk_context, replace(form, reuse=((docs[1][0], offers[0].attachment_id),)),
                               now=WHEN.replace(day=26))
    [reused] = attachments.list_files(db, second.dossier_code)
    assert reused.reused and reused.reused_from_code == dossier_code and reused.source == "reuse"
    assert reused.path.read_bytes() == pdf.read_bytes()
    with db.read() as s:
        from counter_app.models import Dossier

        d2 = s.execute(select(Dossier).where(Dossier.code == second.dossier_code)).scalar_one()
        assert attachments.document_flags(s, d2.id) == {docs[1][0]: attachments.DocumentFlags(True, True)}
    # reuse of a paper the checklist does not mark provided is refused, nothing stored
    bad = replace(form, reuse=((docs[2][0], offers[0].attachment_id),))  # the third is "not applicable" here
    before = stored_rows(db)
    with pytest.raises(ValidationError, match="Đã nộp"):
        reception.receive(db, desk_context, bad, now=WHEN.replace(day=27))
    assert stored_rows(db) == before


def test_kill_9_during_an_attach_leaves_no_orphan_row_or_half_file(db, dossier_code, ten_pages):
    db.dispose()
    env = {**os.environ, "COUNTER_APP_DB": str(db.path)}
    root = attachments.store_root(db)
    killed = 0
    for delay in (0.3, 0.8, 1.4, 2.2, 3.5):
        proc = subprocess.Popen([str(COUNTER_APP), "dossier", "attach", dossier_code, *map(str, ten_pages),
                                 "--document", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        # Every row has its whole file; every file under its final name is whole (named by its hash).
        with db.read() as s:
            rows = s.execute(select(Attachment.sha256)).scalars().all()
        for sha in rows:
            assert file_store.verify(file_store.path_for(root, sha), sha)
        for path in root.glob("??/*.pdf"):
            assert file_store.verify(path, path.stem), path
        db.dispose()
    assert killed >= 2  # at least some kills landed mid-attach
    assert file_store.sweep(root, older_than_s=0) >= 0
    assert not list((root / "tmp").glob("*.part"))


def test_digitisation_and_reuse_rates_on_the_dashboard_and_in_the_report(db, dossier_code, desk_context, tmp_path,
                                                                          capsys):
    from counter_app.services import reports, stats

    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(pdf_bytes())
    day = WHEN.date()
    assert stats.dashboard(db, day).digitisation.to_json() == {
        "received": 1, "fully_digitised": 0, "provided_documents": 2, "reused_documents": 0,
        "digitisation_rate": 0.0, "reuse_rate": 0.0}
    attachments.attach(db, desk_context, dossier_code, [pdf], document="1")
    assert stats.dashboard(db, day).digitisation.fully_digitised == 0  # one of two provided papers
    attachments.attach(db, desk_context, dossier_code, [pdf], document="2")
    offer = attachments.reusable(db, APPLICANT.id_number)
    with db.read() as s:
        docs = [d.id for d in catalog.get_detail(s, code="1.001193").cases[0].documents]
    by_doc = {o.required_document_id: o.attachment_id for o in offer}
    form = replace(birth_form(db, [P, P, NA]), reuse=((docs[0], by_doc[docs[0]]), (docs[1], by_doc[docs[1]])))
    reception.receive(db, desk_context, form, now=WHEN.replace(hour=10))
    counts = stats.dashboard(db, day).digitisation
    assert (counts.received, counts.fully_digitised, counts.provided_documents, counts.reused_documents) == (2, 2, 4, 2)
    assert counts.digitisation_rate == 100.0 and counts.reuse_rate == 50.0
    lines = dict(reports.summary_lines(stats.dashboard(db, day)))
    assert lines["Số hóa hồ sơ, tái sử dụng"] == "số hóa đủ 2/2 hồ sơ (100,0\u00a0%); tái sử dụng 2/4 giấy tờ (50,0\u00a0%)"
    assert cli(db, "report", "daily", "--date", day.isoformat(), "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["digitisation"]["reuse_rate"] == 50.0


def test_a_passport_holder_receives_and_takes_the_result_in_person(db, desk_context, tmp_path):
    from counter_app.models import ApplicantKind, Dossier
    from counter_app.services import documents, returns
    from tests.unit.test_reception import NA, WHEN, P, birth_form

    form = replace(birth_form(db, [P, P, NA]), applicant=ApplicantInput(
        ApplicantKind.PASSPORT, "C1234567", "John Smith", date(1980, 1, 2), "12 Lê Lợi, Phường Bến Nghé, TP Hồ Chí Minh",
        nationality="Hoa Kỳ", no_phone=True))
    code = reception.receive(db, desk_context, form, now=WHEN).dossier_code
    text = "".join(page.extract_text() for page in PdfReader(documents.write_receipt(db, code)).pages)
    assert "Số hộ chiếu" in text and "C1234567" in text and "Số định danh cá nhân/CCCD: C1234567" not in text
    with db.write() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        dossier.status, dossier.result_ready_at, dossier.result_type = 9, WHEN, "Giấy khai sinh"
    done = returns.hand_over(db, desk_context, code, returns.Receiver("", "C1234567", "", is_applicant=True),
                             returns.ResultDocument("Giấy khai sinh"))
    assert done.receiver.name == "John Smith"
