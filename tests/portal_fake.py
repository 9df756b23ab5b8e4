"""A fake national portal for the tests: a real HTTP server on loopback that checks the dossier
record strictly, on its own (it does not reuse central/portal_schema.py, so a mistake there is
caught here), and answers the way the adapter must cope with:

* ``POST /hoso`` — 201 created; 409 ``exists`` when it has the dossier; 400 with a message when the
  record is malformed; 503 during an outage;
* ``PUT /hoso/{MaHoSo}`` — 200 updated; 404 when it does not have it;
* an ``Idempotency-Key`` already applied answers 200 ``duplicate`` and changes nothing.

``applied`` lists every change the portal really applied, so a test can check each change arrived
exactly once. ``drop_after_apply`` applies the next N requests and then cuts the connection
without an answer: the adapter crashing between the portal's answer and its own commit looks the
same from the portal's side.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

MOMENT = re.compile(r"^\d{14}$")
CODE = re.compile(r"^[0-9A-Z][0-9A-Z._/-]{2,63}$")
TOP = {"MaHoSo", "MaTTHC", "TenTTHC", "MaTruongHop", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong", "DinhDanhCHS",
       "SoGiayToChuHoSo", "SoDienThoai", "Email", "DiaChi", "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra",
       "TrangThaiHoSo", "QuaTrinhXuLy", "TaiLieuNop", "DanhSachLePhi", "DanhSachGiayToKetQua", "DonViTiepNhan",
       "CanBoTiepNhan", "GhiChu"}
DOCUMENT = {"MaThanhPhanHoSo", "TenTaiLieu", "SoBanChinh", "SoBanSao", "SoBanPhoto", "DuocSoHoa", "DuocTaiSuDung",
            "TepDinhKem"}
STEP = {"ThuTu", "TuDonVi", "DenDonVi", "ThoiDiem", "NguoiGiao", "NguoiNhan", "KetQua", "GhiChu"}
FEE = {"MaPhiLePhi", "TenPhiLePhi", "SoTien", "HinhThucThu", "DaNop"}
RESULT = {"TenGiayTo", "SoKyHieu", "TrichYeu"}


def _moment(value: Any, name: str, *, required: bool) -> str | None:  # noqa: ANN401
    if value is None:
        return f"{name} là bắt buộc" if required else None
    if not isinstance(value, str) or not MOMENT.match(value):
        return f"{name} sai định dạng yyyyMMddHHmmss"
    try:
        datetime.strptime(value, "%Y%m%d%H%M%S")
    except ValueError:
        return f"{name} không phải ngày giờ có thật"
    return None


def _rows(value: Any, name: str, keys: set[str]) -> str | None:  # noqa: ANN401
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return f"{name} phải là danh sách"
    for row in value:
        if set(row) - keys:
            return f"{name} có trường lạ: {sorted(set(row) - keys)}"
    return None


def check(record: Any) -> str | None:  # noqa: ANN401
    """None when the portal accepts the record's form, else its message."""
    if not isinstance(record, dict):
        return "Nội dung không phải đối tượng JSON"
    if set(record) - TOP:
        return f"Trường không được hỗ trợ: {sorted(set(record) - TOP)}"
    if not isinstance(record.get("MaHoSo"), str) or not CODE.match(record["MaHoSo"]):
        return "MaHoSo không hợp lệ"
    for name in ("MaTTHC", "TenTTHC", "ChuHoSo", "SoGiayToChuHoSo"):
        if not isinstance(record.get(name), str) or not record[name].strip():
            return f"{name} là bắt buộc"
    status = record.get("TrangThaiHoSo")
    if type(status) is not int or not 1 <= status <= 10:
        return "TrangThaiHoSo phải là số nguyên 1–10"
    if record.get("KenhThucHien") not in (1, 2, 3) or type(record.get("KenhThucHien")) is not int:
        return "KenhThucHien phải là 1, 2 hoặc 3"
    if record.get("LoaiDoiTuong") not in (1, 2, 3, 4) or type(record.get("LoaiDoiTuong")) is not int:
        return "LoaiDoiTuong phải là 1, 2, 3 hoặc 4"
    ids = record.get("DinhDanhCHS")
    if not isinstance(ids, list) or not ids or not all(
            isinstance(i, dict) and type(i.get("LoaiDinhDanh")) is int and isinstance(i.get("SoDinhDanh"), str)
            and i["SoDinhDanh"] for i in ids):
        return "DinhDanhCHS phải có ít nhất một định danh"
    received = status in (2, 4, 6, 8, 9, 10)
    for name, required in (("NgayNopHoSo", True), ("NgayTiepNhan", received), ("NgayHenTra", status == 2),
                           ("NgayTra", status == 10)):
        problem = _moment(record.get(name), name, required=required)
        if problem:
            return problem
    for name, keys in (("QuaTrinhXuLy", STEP), ("TaiLieuNop", DOCUMENT), ("DanhSachLePhi", FEE),
                       ("DanhSachGiayToKetQua", RESULT)):
        problem = _rows(record.get(name), name, keys)
        if problem:
            return problem
    for doc in record["TaiLieuNop"]:
        if type(doc.get("DuocSoHoa")) is not bool or type(doc.get("DuocTaiSuDung")) is not bool:
            return "TaiLieuNop: DuocSoHoa và DuocTaiSuDung phải là true/false"
    for fee in record["DanhSachLePhi"]:
        if type(fee.get("SoTien")) is not int:
            return "DanhSachLePhi: SoTien phải là số nguyên (đồng)"
    if status in (9, 10) and not record["DanhSachGiayToKetQua"]:
        return "Hồ sơ đã có kết quả phải kèm DanhSachGiayToKetQua"
    unit = record.get("DonViTiepNhan")
    if not isinstance(unit, dict) or not unit.get("MaDonVi"):
        return "DonViTiepNhan.MaDonVi là bắt buộc"
    return None


class FakePortal:
    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.applied: list[tuple[str, str, str, int]] = []  # (idempotency key, POST/PUT, MaHoSo, status)
        self.requests = 0
        self.outage = False
        self.drop_after_apply = 0
        self.refuse: dict[str, str] = {}  # MaHoSo -> a business-rule message the portal answers with (422)
        self._keys: set[str] = set()
        self._lock = threading.Lock()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # noqa: ANN401
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with portal._lock:
                    portal.requests += 1
                    status, body, drop = portal.handle(method, self.path, self.headers.get("Idempotency-Key", ""),
                                                       raw)
                if drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self._answer(status, body)

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

            def do_PUT(self) -> None:  # noqa: N802
                self._handle("PUT")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/dvc"

    def start(self) -> FakePortal:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, method: str, path: str, key: str, raw: bytes) -> tuple[int, dict[str, Any], bool]:
        if self.outage:
            return 503, {"message": "Hệ thống đang bảo trì"}, False
        if not key:
            return 400, {"message": "Thiếu Idempotency-Key"}, False
        if key in self._keys:
            return 200, {"duplicate": True}, False
        try:
            record = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return 400, {"message": "Nội dung không phải JSON"}, False
        problem = check(record)
        if problem:
            return 400, {"message": problem}, False
        code = record["MaHoSo"]
        if code in self.refuse:
            return 422, {"message": self.refuse[code]}, False
        if method == "POST" and path == "/dvc/hoso":
            if code in self.records:
                return 409, {"error": "exists", "message": "Hồ sơ đã tồn tại"}, False
        elif method == "PUT" and path.startswith("/dvc/hoso/") and unquote(path[len("/dvc/hoso/"):]) == code:
            if code not in self.records:
                return 404, {"message": "Không có hồ sơ"}, False
        else:
            return 404, {"message": "Không có đường dẫn này"}, False
        self.records[code] = record
        self._keys.add(key)
        self.applied.append((key, method, code, record["TrangThaiHoSo"]))
        if self.drop_after_apply:
            self.drop_after_apply -= 1
            return 0, {}, True
        return (201 if method == "POST" else 200), {"ok": True}, False
