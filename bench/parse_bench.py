"""The central's CPU to read and check one push before applying it (``central.bodies.parse_push``).

In one process, no HTTP, no database: a 200-event body as ``bench.central_load`` sends it (receipts,
returns of touched dossiers) and the same receipts with the full national record a desk really sends
(documents with their files, fees: free-form lists), parsed ``--rounds`` times; the best round's
thread CPU per event is reported, split into the JSON (``parse_json``) and the schema
(``check_push``).

Run: ``nice -n 10 .venv/bin/python -m bench.parse_bench [--rounds 30]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.central_load import desk_addresses, received_event, returned_event  # noqa: E402
from central import bodies  # noqa: E402
from central.bodies import parse_json, parse_push  # noqa: E402
from central.schemas import PushIn  # noqa: E402
from counter_app.sync import protocol as p  # noqa: E402

BATCH = 200


def full_received_event(unit: str, desk: int, seq: int, k: int) -> dict[str, Any]:
    """A receipt carrying the rest of the national record (counter_app/domain/records.py)."""
    event = received_event(unit, desk, seq, k)
    rec = event["payload"]["record"]
    rec.update({"TenDonVi": "Ủy ban nhân dân xã Tân Thành", "GioiTinh": "Nam", "QuocTich": "Việt Nam",
                "NguonHoSo": "", "NgayNopHoSo": None, "SoGiayToNop": 3, "QuaTrinhXuLy": [],
                "DanhSachGiayToKetQua": [],
                "TaiLieuNop": [{"MaThanhPhanHoSo": f"GT{j}", "TenTaiLieu": f"Tờ khai đăng ký khai sinh (mẫu {j})",
                                "SoBanChinh": 1, "SoBanSao": 0, "SoBanPhoto": 0, "DuocSoHoa": True,
                                "DuocTaiSuDung": False,
                                "TepDinhKem": [{"TenTep": f"to-khai-{j}.pdf", "DuongDan": "sha256:" + "ab" * 32}]}
                               for j in range(3)],
                "DanhSachLePhi": [{"MaPhiLePhi": "LP01", "TenPhiLePhi": "Lệ phí đăng ký khai sinh", "SoTien": 8000,
                                   "HinhThucThu": "cash", "DaNop": True}]})
    return event


def body(make: Callable[..., dict[str, Any]]) -> bytes:
    unit, desk = desk_addresses(1)[0]
    events = [make(unit, desk, 1 + j, j) for j in range(BATCH)]
    return json.dumps({"events": events, "sent_at": p.format_moment(datetime.now())}, ensure_ascii=False).encode()


def best_cpu_us(fn: Callable[[], object], rounds: int) -> float:
    """The best round's thread CPU in microseconds per event."""
    fn()
    best = float("inf")
    for _ in range(rounds):
        start = time.thread_time()
        fn()
        best = min(best, time.thread_time() - start)
    return best / BATCH * 1e6


def run(rounds: int = 30) -> dict[str, dict[str, float]]:
    check = getattr(bodies, "check_push", PushIn.model_validate)  # what parse_push runs after parse_json
    out = {}
    for name, make in (("receipts", received_event), ("returns", returned_event), ("receipts, full record", full_received_event)):
        raw = body(make)
        data = parse_json(raw)
        out[name] = {"bytes_per_event": len(raw) / BATCH,
                     "parse_push_us": best_cpu_us(lambda raw=raw: parse_push(raw), rounds),  # type: ignore[misc]
                     "json_us": best_cpu_us(lambda raw=raw: parse_json(raw), rounds),  # type: ignore[misc]
                     "schema_us": best_cpu_us(lambda data=data: check(data), rounds)}  # type: ignore[misc]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parse_bench")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    print(f"{'body (200 events)':24} {'B/event':>8} {'parse_push':>11} {'json':>8} {'schema':>8}   µs CPU per event, best of {args.rounds}")
    for name, r in run(args.rounds).items():
        print(f"{name:24} {r['bytes_per_event']:8.0f} {r['parse_push_us']:11.1f} {r['json_us']:8.1f} {r['schema_us']:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
