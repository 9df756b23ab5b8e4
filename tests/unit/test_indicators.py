"""Service-index indicators (issue #14) against a known mix of dossiers, counted by hand."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from counter_app.domain.indicators import IndicatorCounts, rate, rate_text
from counter_app.models import Desk, Officer, Role, Unit
from counter_app.models.payments import Payment, Rating
from counter_app.services import indicators, org, reports, stats
from tests.helpers import make_dossier

DAY = date(2026, 11, 25)
AT = datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def known(db):
    return build_known_mix(db)


def build_known_mix(db):  # noqa: ANN001, ANN201
    """Desk 1, two officers (demo and Thu); in the day:
    - received: 5 dossiers, 2 of them online (both by Thu);
    - resolved: 4 (result ready in the day): 3 on time, 1 late (demo: 2 on time + 1 late; Thu: 1 on time);
    - payments: 4 receipts, 1 voided; of the 3 kept, 1 online (demo's dossier);
    - ratings: demo rated 1 (very satisfied) and 3 (not satisfied), Thu rated 2 (satisfied).
    Plus one dossier received the day before (outside the window) with a payment the day before."""
    with db.write() as s:
        unit = s.execute(select(Unit)).scalars().first()
        demo = s.execute(select(Officer).order_by(Officer.id)).scalars().first()
        thu = org.create_officer(s, unit, username="thu", full_name="Phạm Thị Thu", password="secret-1",
                                 roles={Role.RECEPTION})
        desk = s.get(Desk, 1)
        made = []
        for i in range(5):
            d = make_dossier(s, received_at=AT + timedelta(minutes=i), id_number=f"09608500{i:04d}")
            made.append(d)
        for d in made[3:]:
            d.officer_id, d.channel = thu.id, "online"
        for d in made[:4]:  # resolved in the day: three before their due moment, made[2] after it
            d.status = 9
            d.due_at = AT + timedelta(hours=2 if d is made[2] else 7)
            d.result_ready_at = AT + timedelta(hours=3 if d is made[2] else 6)
        old = make_dossier(s, received_at=AT - timedelta(days=1), id_number="096085009999")
        s.flush()

        def pay(d, method, *, voided=False, when=AT + timedelta(hours=1)):  # noqa: ANN001, ANN202
            s.add(Payment(uuid=str(uuid.uuid4()), number=f"BL-{uuid.uuid4().hex[:8]}", dossier_id=d.id,
                          desk_id=desk.id, officer_id=d.officer_id, amount=8000, method=method, reference="R",
                          payer_name="x", paid_at=when, voided_at=when if voided else None, void_reason=""))

        pay(made[0], "cash")
        pay(made[1], "online")
        pay(made[3], "transfer")
        pay(made[4], "online", voided=True)
        pay(old, "online", when=AT - timedelta(days=1))

        def rated(d, officer, score):  # noqa: ANN001, ANN202
            s.add(Rating(uuid=str(uuid.uuid4()), dossier_id=d.id, officer_id=officer.id, desk_id=desk.id,
                         stage="return", score=score, reason="", rated_at=AT + timedelta(hours=4)))

        rated(made[0], demo, 1)
        rated(made[1], demo, 3)
        rated(made[3], thu, 2)
        return {"demo": demo.full_name, "thu": thu.full_name}


def test_indicators_against_a_known_mix(db, known):
    with db.read() as s:
        rows = indicators.compute(s, DAY)
    total = rows[0].counts
    assert rows[0].table == "total"
    assert (total.resolved, total.resolved_on_time) == (4, 3)
    assert (total.received, total.received_online) == (5, 2)
    assert (total.payments, total.payments_online) == (3, 1)
    assert (total.ratings, total.satisfied) == (3, 2)
    assert total.documents == 0 and total.digitised_rate is None  # no paper provided at a checklist: "—"
    assert (total.on_time_rate, total.online_rate, total.fees_online_rate, total.satisfaction_rate) == (
        75.0, 40.0, 33.3, 66.7)
    by_officer = {r.name: r.counts for r in indicators.rows_of(rows, "officer")}
    demo, thu = by_officer[known["demo"]], by_officer[known["thu"]]
    assert (demo.resolved, demo.resolved_on_time, demo.received, demo.received_online) == (3, 2, 3, 0)
    assert (demo.payments, demo.payments_online, demo.ratings, demo.satisfied) == (2, 1, 2, 1)
    assert (thu.resolved, thu.resolved_on_time, thu.received, thu.received_online) == (1, 1, 2, 2)
    assert (thu.payments, thu.payments_online, thu.ratings, thu.satisfied) == (1, 0, 1, 1)
    (desk,) = indicators.rows_of(rows, "desk")
    assert desk.name == "Quầy số 1" and desk.counts.received == 5
    (procedure,) = indicators.rows_of(rows, "procedure")
    (field,) = indicators.rows_of(rows, "field")
    assert procedure.counts.satisfied == field.counts.satisfied == 2


def test_digitisation_source_plugs_in(db, known, monkeypatch):
    monkeypatch.setattr(indicators, "_DIGITISATION", [])  # another source instead of the attachments

    def source(session, lo, hi):  # noqa: ANN001, ANN202 - what issue #13 registers
        return [((1, None, None), 10, 7, 2)]

    indicators.register_digitisation(source)
    with db.read() as s:
        total = indicators.compute(s, DAY)[0].counts
    assert (total.documents, total.digitised, total.reused) == (10, 7, 2)
    assert (total.digitised_rate, total.reused_rate) == (70.0, 20.0)


def test_indicators_reach_the_dashboard_json_and_the_period_report(db, known, tmp_path):
    with db.read() as s:
        dash = stats.compute_dashboard(s, DAY, now=datetime(2026, 11, 26, 8, 0))
    data = dash.to_json()["indicators"]
    assert data[0]["on_time_rate"] == 75.0 and data[0]["satisfaction_rate"] == 66.7
    pdf = reports.export_period_report(db, DAY, DAY, "pdf", tmp_path / "p.pdf", now=datetime(2026, 11, 26, 8, 0))
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in doc)
    doc.close()
    assert "CHỈ SỐ PHỤC VỤ" in text.upper() and "75,0% (3/4)" in text and "66,7% (2/3)" in text
    xlsx = reports.export_period_report(db, DAY, DAY, "xlsx", tmp_path / "p.xlsx", now=datetime(2026, 11, 26, 8, 0))
    from openpyxl import load_workbook

    ws = load_workbook(xlsx)["Chỉ số phục vụ"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(row[:2] == ["Toàn đơn vị", "Toàn đơn vị"] or row[0] == "Toàn đơn vị" for row in values)
    assert json.dumps(values, default=str).count("75,0% (3/4)") >= 1


def test_rate_helpers():
    assert rate(0, 0) is None and rate(None, 5) is None and rate(1, 3) == 33.3
    assert rate_text(2, 3) == "66,7% (2/3)" and rate_text(0, 0) == "—"
    c = IndicatorCounts(received=2)
    c.add(IndicatorCounts(received=3, documents=4))
    assert (c.received, c.documents) == (5, 4)


def test_digitised_and_reused_documents_come_from_the_attachments(db, desk_context):
    """Issue #13's attachments feed the digitisation indicators: two dossiers with two papers provided
    each (4 documents); three digitised, one of them reused from an earlier copy."""
    from counter_app.models import ROLE_RECEIVED, Attachment, Dossier, IntakeItem
    from counter_app.services import reception
    from tests.unit.test_reception import NA, P, birth_form
    from tests.unit.test_reception import WHEN as RECEIVED

    for _ in range(2):
        reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=RECEIVED)
    with db.write() as s:
        dossiers = s.execute(select(Dossier).order_by(Dossier.id)).scalars().all()
        provided = [[i.required_document_id for i in s.execute(select(IntakeItem).where(
            IntakeItem.intake_id == d.intake_id, IntakeItem.decision == "provided").order_by(IntakeItem.id)).scalars()]
            for d in dossiers]
        assert [len(p) for p in provided] == [2, 2]
        for d, doc, reused in ((dossiers[0], provided[0][0], False), (dossiers[0], provided[0][1], True),
                               (dossiers[1], provided[1][0], False)):
            s.add(Attachment(uuid=str(uuid.uuid4()), dossier_id=d.id, required_document_id=doc, role=ROLE_RECEIVED,
                             file_name="giay-to.pdf", size=1000, sha256="0" * 64, reused=reused))
    with db.read() as s:
        total = indicators.compute(s, RECEIVED.date())[0].counts
    assert (total.documents, total.digitised, total.reused) == (4, 3, 1)
    assert (total.digitised_rate, total.reused_rate) == (75.0, 25.0)
