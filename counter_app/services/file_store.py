"""The desk's store of digitised papers: content-addressed files, and scans made into compact PDFs.

``<archive root>/files/<first 2 hex>/<sha256>.pdf`` — the archive root is the one of the printed
papers (services/archive.py, the ``archive_dir`` setting), so one backup of that folder and the
database file holds everything. A file is written under ``files/tmp/`` first, flushed to disk and
renamed into place, so a desk killed mid-write never leaves a half file under its final name (a
leftover ``*.part`` is removed by :func:`sweep`); two papers with the same bytes share one file.

Conversion (issue #13): every paper is stored as PDF. A PDF received as a file is kept as it is.
Images (JPEG, PNG, TIFF, multi-page TIFF) given together become **one** PDF, a page per image, made
by Pillow (a well-kept library; no hand-written PDF):

- black-and-white scans stay 1-bit and are compressed with CCITT Group 4 (a few tens of KB a page);
- greyscale-looking colour scans become greyscale; everything else keeps its colour;
- resolution is brought down to at most 200 dpi (300 for 1-bit pages), JPEG quality 70.

The kind of a file is read from its first bytes, never from its name. Pure Python, no Qt, no database.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from counter_app.i18n import tr

from .errors import ValidationError

PDF, JPEG, PNG, TIFF = "pdf", "jpeg", "png", "tiff"
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (b"II*\x00", TIFF),
          (b"MM\x00*", TIFF))
MAX_INPUT_BYTES = 500 * 1024 * 1024  # what is read at all (a scan folder may hold anything)
MAX_PIXELS = 60_000_000  # per page: an A3 page at 600 dpi is 35 Mpx; beyond is a broken or hostile file
GREY_DPI, BILEVEL_DPI, DEFAULT_DPI = 200, 300, 200
JPEG_QUALITY = 70
# A colour scan is kept in colour when at least 0.1 % of its pixels are clearly coloured (HSV saturation
# above 80 of 255): a red seal or a blue signature is enough; scanner noise on white paper is not.
_COLOUR_SATURATION, _COLOUR_SHARE = 80, 0.001


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    pages: int  # 0 for a PDF kept as received
    file_name: str  # what the officer sees: the source file's name, ".pdf" for converted scans
    path: Path


def kind_of(head: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def files_root(archive_root: Path) -> Path:
    return archive_root / "files"


def path_for(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / f"{sha256}.pdf"


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ValidationError(tr("Tệp «{name}» lớn {size}: quá lớn để đọc (tối đa {limit}).").format(name=path.name, size=_mb(size), limit=_mb(MAX_INPUT_BYTES)),
                                  field="files")
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(tr("Không có tệp «{path}».").format(path=path), field="files") from None
    except IsADirectoryError:
        raise ValidationError(tr("«{path}» là thư mục, không phải tệp.").format(path=path), field="files") from None
    except OSError as exc:
        raise ValidationError(tr("Không đọc được tệp «{path}»: {value}.").format(path=path, value=exc.strerror or exc), field="files") from None


def _mb(size: int) -> str:
    """12,3 MB — the Vietnamese decimal comma."""
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _has_colour(page) -> bool:  # noqa: ANN001 - a PIL image in RGB
    histogram = page.convert("HSV").getchannel("S").histogram()
    return sum(histogram[_COLOUR_SATURATION:]) >= _COLOUR_SHARE * page.width * page.height


def images_to_pdf(images: Sequence[tuple[str, bytes]]) -> tuple[bytes, int]:
    """JPEG/PNG/TIFF files (name, bytes), in order, as one compact PDF; returns (pdf bytes, pages)."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    pages: list[tuple[Image.Image, float]] = []
    for name, data in images:
        try:
            source = Image.open(io.BytesIO(data))
            for frame in ImageSequence.Iterator(source):
                page = ImageOps.exif_transpose(frame.copy())
                dpi = float((frame.info.get("dpi") or (DEFAULT_DPI,))[0] or DEFAULT_DPI)
                pages.append((page, dpi if 50 <= dpi <= 1200 else DEFAULT_DPI))
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
            raise ValidationError(tr("Tệp ảnh «{name}» bị hỏng hoặc không đọc được ({exc}).").format(name=name, exc=exc), field="files") from None
    if not pages:
        raise ValidationError(tr("Không có trang ảnh nào để ghép thành PDF."), field="files")
    all_bilevel = all(p.mode == "1" for p, _ in pages)
    target = min(BILEVEL_DPI if all_bilevel else GREY_DPI, max(dpi for _, dpi in pages))
    out: list[Image.Image] = []
    for page, dpi in pages:
        if page.mode == "1" and not all_bilevel:
            page = page.convert("L")
        elif page.mode in ("P", "LA", "PA", "RGBA"):  # transparency on white paper, not black
            rgba = page.convert("RGBA")
            page = Image.new("RGB", rgba.size, "white")
            page.paste(rgba, mask=rgba.getchannel("A"))
        elif page.mode not in ("1", "L", "RGB"):
            page = page.convert("RGB")
        if page.mode == "RGB" and not _has_colour(page):
            page = page.convert("L")
        scale = target / dpi
        if scale < 0.99:
            size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
            page = page.resize(size, Image.Resampling.NEAREST if page.mode == "1" else Image.Resampling.LANCZOS)
        out.append(page)
    buffer = io.BytesIO()
    first, rest = out[0], out[1:]
    jpeg = {} if all_bilevel else {"quality": JPEG_QUALITY}  # Group 4 pages take no JPEG quality
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=target, producer="Một Cửa Counter",
               **jpeg)
    return buffer.getvalue(), len(out)


def prepare(paths: Sequence[Path]) -> list[tuple[str, bytes, int]]:
    """What ``paths`` become in the store: each PDF as it is, all images together as one PDF.

    Returns (file name, PDF bytes, pages) in the order given; raises ValidationError (Vietnamese)
    naming the file for anything unreadable or of another kind.
    """
    if not paths:
        raise ValidationError(tr("Hãy chọn ít nhất một tệp (PDF, JPEG, PNG, TIFF)."), field="files")
    results: list[tuple[str, bytes, int] | None] = []
    images: list[tuple[str, bytes]] = []
    image_slot = -1
    for path in paths:
        data = _read(path)
        kind = kind_of(data[:8])
        if kind is None:
            raise ValidationError(tr("Tệp «{name}» không phải PDF, JPEG, PNG hay TIFF.").format(name=path.name), field="files")
        if kind == PDF:
            if b"%%EOF" not in data[-2048:]:
                raise ValidationError(tr("Tệp PDF «{name}» không trọn vẹn (có thể đang được máy quét ghi dở); "
                                      "hãy thử lại sau giây lát.").format(name=path.name), field="files")
            results.append((path.name, data, 0))
        else:
            if image_slot < 0:
                image_slot = len(results)
                results.append(None)
            images.append((path.name, data))
    if images:
        pdf, pages = images_to_pdf(images)
        name = Path(images[0][0]).stem + ".pdf"
        results[image_slot] = (name, pdf, pages)
    return [r for r in results if r is not None]


def store(root: Path, data: bytes) -> tuple[str, Path]:
    """Write ``data`` into the store (once per content); returns (sha256, final path)."""
    sha = hashlib.sha256(data).hexdigest()
    final = path_for(root, sha)
    if final.exists() and final.stat().st_size == len(data):
        return sha, final
    tmp_dir = root / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir / f"{uuid.uuid4().hex}.part"
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(tr("Không lưu được tệp vào kho lưu trữ «{root}»: {value}.").format(root=root, value=exc.strerror or exc),
                              field="files") from None
    _fsync_dir(final.parent)
    return sha, final


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a directory; its rename is durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sweep(root: Path, *, older_than_s: float = 600.0) -> int:
    """Remove the ``*.part`` files a killed desk left in ``files/tmp`` (older than ``older_than_s``)."""
    tmp_dir = root / "tmp"
    if not tmp_dir.is_dir():
        return 0
    removed = 0
    limit = time.time() - older_than_s
    for part in tmp_dir.glob("*.part"):
        try:
            if part.stat().st_mtime <= limit:
                part.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def verify(path: Path, sha256: str) -> bool:
    """The file at ``path`` holds exactly the bytes of ``sha256``."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == sha256
