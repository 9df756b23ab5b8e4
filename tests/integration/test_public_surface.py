"""What the central shows to anyone: the lookup page (rate-limited, no personal data by default),
no API documentation unless configured."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.db import CentralDatabase
from central.models import Dossier, Unit

CODE = "000.00.01.H12-261125-1001"
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture
def central_db(tmp_path):
    db = CentralDatabase(f"sqlite:///{tmp_path / 'central.sqlite'}")
    db.upgrade()
    with db.write() as s:
        s.add(Unit(code="000.00.01.H12", name="UBND xã Tân Thành"))
        now = datetime(2026, 11, 25, 9, 0)
        s.add(Dossier(code=CODE, unit_code="000.00.01.H12", desk_number=1, procedure_code="1.001193",
                      procedure_name="Đăng ký khai sinh", applicant_name="Trần Văn Đức", id_number="096085001234",
                      phone="0912345678", address="ấp Tân Hưng", received_at=now, due_at=datetime(2026, 11, 27, 9, 0),
                      status=4, status_changed_at=now))
    yield db
    db.dispose()


def test_lookup_shows_only_status_appointment_and_where_to_collect(central_db):
    client = TestClient(create_app(db=central_db))
    page = client.get(f"/tra-cuu/{CODE}")
    assert page.status_code == 200
    for shown in ("Trạng thái", "Ngày hẹn trả kết quả", "09:00 ngày 27/11/2026", "Nơi nhận kết quả",
                  "UBND xã Tân Thành"):
        assert shown in page.text
    for hidden in ("Trần", "Tr***", "Đăng ký khai sinh", "096085001234", "0912345678", "Tân Hưng"):
        assert hidden not in page.text
    detailed = TestClient(create_app(db=central_db, lookup_details=True)).get(f"/tra-cuu/{CODE}")
    assert "Tr*** V** Đ**" in detailed.text and "Đăng ký khai sinh" in detailed.text
    assert "Trần" not in detailed.text and "096085001234" not in detailed.text


def test_lookup_is_rate_limited_per_client(central_db):
    app = create_app(db=central_db, lookup_rate="5/minute")
    walker = TestClient(app, client=("203.0.113.7", 5000))
    answers = [walker.get(f"/tra-cuu/000.00.01.H12-261125-{1000 + i}").status_code for i in range(8)]
    assert answers[:5] == [404, 200, 404, 404, 404] and answers[5:] == [429, 429, 429]
    refused = walker.get(f"/tra-cuu/{CODE}")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "quá nhiều lần" in refused.text
    neighbour = TestClient(app, client=("198.51.100.4", 5000))
    assert neighbour.get(f"/tra-cuu/{CODE}").status_code == 200  # another client is not punished


def test_api_docs_are_off_unless_configured(central_db, monkeypatch):
    monkeypatch.delenv("CENTRAL_API_DOCS", raising=False)
    closed = TestClient(create_app(db=central_db))
    assert closed.get("/api/docs").status_code == 404 and closed.get("/openapi.json").status_code == 404
    monkeypatch.setenv("CENTRAL_API_DOCS", "1")
    opened = TestClient(create_app(db=central_db))
    assert opened.get("/api/docs").status_code == 200 and opened.get("/openapi.json").status_code == 200
