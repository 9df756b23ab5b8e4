"""Document scanners through the platform's scanner interface, behind one small interface.

- Linux: SANE, through the ``python-sane`` binding when it is installed (``pip install python-sane``;
  it needs the system's libsane). Each device found is offered; a scan at 200 dpi greyscale.
- Windows: WIA, through ``pywin32`` (``win32com``) when installed: the system's own scan dialog
  (which also covers TWAIN drivers that ship a WIA bridge).
- Anything else, or no binding: no device; the desk still takes files and the scan-to-folder inbox.

``scan(out_dir)`` writes the pages as image files and returns their paths; the caller attaches them
as any other files (services/attachments.stage turns them into one PDF). No Qt here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Protocol

from counter_app.i18n import tr

from .errors import ServiceError


class ScannerDevice(Protocol):
    name: str

    def scan(self, out_dir: Path) -> list[Path]: ...


class SaneDevice:
    def __init__(self, sane: Any, device: tuple[str, str, str, str]) -> None:
        self._sane = sane
        self._device = device[0]
        self.name = f"{device[1]} {device[2]}".strip() or device[0]

    def scan(self, out_dir: Path) -> list[Path]:
        try:
            dev = self._sane.open(self._device)
        except Exception as exc:  # noqa: BLE001 - the binding raises its own _sane.error
            raise ServiceError(tr("Không mở được máy quét «{name}»: {exc}.").format(name=self.name, exc=exc)) from None
        try:
            for option, value in (("mode", "gray"), ("resolution", 200)):
                try:
                    setattr(dev, option, value)
                except Exception:  # noqa: BLE001,S110 - a device without the option scans with its default
                    pass
            pages = []
            try:
                images = list(dev.multi_scan())  # the document feeder, page after page
            except Exception:  # noqa: BLE001 - flatbed only
                images = [dev.scan()]
            for number, image in enumerate(images, start=1):
                path = out_dir / f"trang{number:03d}.png"
                image.save(path, dpi=(200, 200))
                pages.append(path)
            return pages
        except Exception as exc:  # noqa: BLE001
            raise ServiceError(tr("Máy quét «{name}» báo lỗi: {exc}.").format(name=self.name, exc=exc)) from None
        finally:
            dev.close()


class WiaDevice:
    name = "WIA"

    def __init__(self, client: Any) -> None:
        self._client = client

    def scan(self, out_dir: Path) -> list[Path]:
        try:
            dialog = self._client.Dispatch("WIA.CommonDialog")
            image = dialog.ShowAcquireImage()
        except Exception as exc:  # noqa: BLE001 - COM errors
            raise ServiceError(tr("Không quét được qua WIA: {exc}.").format(exc=exc)) from None
        if image is None:  # the officer cancelled the system dialog
            return []
        raw = out_dir / f"wia.{str(getattr(image, 'FileExtension', 'bmp')).lower() or 'bmp'}"
        image.SaveFile(str(raw))
        from PIL import Image  # WIA hands BMP by default: the store takes PNG

        path = out_dir / "trang001.png"
        with Image.open(raw) as bitmap:
            bitmap.save(path)
        return [path]


def available_devices() -> list[ScannerDevice]:
    """The scanners this PC offers now (empty when none or no binding is installed)."""
    try:
        if sys.platform.startswith("linux"):
            import sane  # optional: python-sane

            sane.init()
            return [SaneDevice(sane, d) for d in sane.get_devices()]
        if sys.platform == "win32":
            import win32com.client  # optional: pywin32

            return [WiaDevice(win32com.client)]
    except Exception:  # noqa: BLE001 - no binding, no libsane, no WIA service: no device
        return []
    return []
