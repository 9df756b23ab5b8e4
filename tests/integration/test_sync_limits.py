"""The central refuses malformed input with 422 (never 500) on SQLite and PostgreSQL: NUL bytes,
deep nesting, huge integers, variant dossier codes, intake events of another unit (issue #11).
A property-based fuzz of every endpoint checks: no 5xx, and a refused request writes nothing."""

from __future__ import annotations

import copy
import json
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError as PydanticError
from sqlalchemy import func, select

from central import models as cm
from central.schemas import ProcessIn, PushIn, ResultIn, StopIn, SupplementIn
from counter_app.sync import protocol as p

from .harness import connect, make_desk, register_back_office, register_desk, web, wire_events

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


def _snapshot(central_db) -> tuple:  # noqa: ANN001
    """Everything a request could write, cheap enough to take around every request."""
    with central_db.read() as s:
        counts = tuple(s.execute(select(func.count()).select_from(t)).scalar_one()
                       for t in (cm.ReceivedEvent, cm.Dossier, cm.Change, cm.Handoff, cm.SupplementRequest,
                                 cm.DeskStream))
        dossiers = tuple(s.execute(select(cm.Dossier.code, cm.Dossier.status, cm.Dossier.address,
                                          cm.Dossier.updated_at).order_by(cm.Dossier.code)).all())
        streams = tuple(s.execute(select(cm.DeskStream.next_seq)).scalars())
    return counts, dossiers, streams


@pytest.fixture
def setup(tmp_path, central_factory, request):  # noqa: ANN001, ANN201
    from central.db import CentralDatabase

    central = central_factory(request.param)
    central_db = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    bo_token = register_back_office(central_db)
    connect(desk, central.url, token)
    yield central, central_db, desk, token, bo_token
    central_db.dispose()


def _post(central, path: str, token: str, body) -> httpx.Response:  # noqa: ANN001
    content = body if isinstance(body, bytes) else json.dumps(body).encode()  # \ud800 travels escaped
    return web.post(central.url + path, content=content, timeout=30,
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})


@pytest.mark.parametrize("setup", BACKENDS, indirect=True)
def test_malformed_input_is_422_never_500(setup):
    central, central_db, desk, token, bo_token = setup
    desk.receive(1)
    good = wire_events(desk)[0]
    code = good["payload"]["record"]["MaHoSo"]
    before = _snapshot(central_db)

    def with_record(**change) -> dict:  # noqa: ANN003
        event = copy.deepcopy(good)
        event["payload"]["record"].update(change)
        return {"events": [event]}

    cases = {
        "lower-case variant": with_record(MaHoSo=code.lower()),
        "space variant": with_record(MaHoSo=code[:-4] + " " + code[-4:]),
        "NUL in the kind": {"events": [{**good, "kind": "dossier.received\x00"}]},
        "NUL in entity_key": {"events": [{**good, "entity_key": code + "\x00"}]},
        "huge seq": {"events": [{**good, "seq": 10**30}]},
        "payload not an object": {"events": [{**good, "payload": "x"}]},
        "deep nesting": b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nesting 40 deep": {"events": [{**good, "payload": {**good["payload"],
                                                           "details": json.loads("[" * 40 + "]" * 40)}}]},
        "NaN": b'{"events": [], "sent_at": NaN}',
        "not UTF-8": b'{"events": [], "sent_at": "\xff\xfe"}',
        # A lone surrogate escape: valid JSON text, but no character, so no UTF-8 to store it in.
        "lone surrogate, extra field": json.dumps(with_record(GhiChuRieng="ghi chú \ud800")).encode(),
        "lone surrogate, known field": json.dumps(with_record(ChuHoSo="Trần \udfff Đức")).encode(),
        "lone surrogate, kind": json.dumps({"events": [{**good, "kind": "dossier.received\ud83d"}]}).encode(),
    }
    for name, body in cases.items():
        r = _post(central, p.PUSH_PATH, token, body)
        assert r.status_code == 422, (name, r.status_code, r.text)
        assert r.json()["error"] == p.ERR_MALFORMED, name
    assert "Mã hồ sơ" in _post(central, p.PUSH_PATH, token, cases["lower-case variant"]).json()["message"]

    # An intake event (refused: no dossier) of another unit, or of another desk, is not this desk's.
    intake = copy.deepcopy(good)
    intake["payload"]["record"] = {"MaLuotTiepNhan": good["uuid"], "MaDonVi": "000.00.02.H12", "SoQuay": 1,
                                   "TrangThaiHoSo": 3, "ChuHoSo": "Trần Văn Đức"}
    intake["entity_key"] = good["uuid"]
    assert _post(central, p.PUSH_PATH, token, {"events": [intake]}).status_code == 403
    intake["payload"]["record"] |= {"MaDonVi": desk.unit_code, "SoQuay": 2}
    assert _post(central, p.PUSH_PATH, token, {"events": [intake]}).status_code == 403

    auth = {"Authorization": f"Bearer {token}"}
    bo = {"Authorization": f"Bearer {bo_token}"}
    for after in (10**30, -1, "abc"):
        r = web.get(central.url + p.CHANGES_PATH, params={"after": after}, headers=auth)
        assert r.status_code == 422, after
    assert web.get(central.url + p.COUNTERS_PATH, params={"unit": "000\x00"}, headers=auth).status_code == 422
    api = central.url + p.BACKOFFICE_PATH
    for variant in (code.lower(), quote(code[:-4] + " " + code[-4:]), quote(code + "\x00")):
        assert web.post(f"{api}/{variant}/process", json={}, headers=bo).status_code == 422, variant
        assert web.get(f"{api}/{variant}", headers=bo).status_code == 422, variant
    assert web.post(f"{api}/{code}/stop", json={"reason": "Lý do\x00"}, headers=bo).status_code == 422
    deep = b'{"note": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    assert web.post(f"{api}/{code}/process", content=deep, headers=bo).status_code == 422
    assert web.get(f"{central.url}/tra-cuu/{quote(code + chr(0))}").status_code == 404
    assert _snapshot(central_db) == before

    # A record the field rules refuse (NUL, over-long, a due date in 9999, a desk number 10**30) is
    # kept aside with its reason and acknowledged (test_sync_quarantine.py); nothing of it applied.
    for n, change in enumerate(({"DiaChi": "ấp Tân Hưng\x00"}, {"DiaChi": "x" * 501},
                                {"NgayHenTra": "99991231170000"}, {"SoQuay": 10**30}), start=1):
        body = with_record(**change)
        body["events"][0] |= {"seq": n, "uuid": f"00000000-0000-4000-8000-{n:012d}"}
        r = _post(central, p.PUSH_PATH, token, body)
        assert r.status_code == 200 and r.json()["expected_seq"] == n + 1, (change, r.text)
        assert len(r.json()["quarantined"]) == 1, change
    assert "Địa chỉ chứa ký tự NUL" in web.get(central.url + p.QUARANTINE_PATH, headers=bo).json()["events"][0][
        "reason"]
    with central_db.read() as s:
        assert s.execute(select(func.count()).select_from(cm.Dossier)).scalar_one() == 0

    # A good event is taken, and the lookup forgives a citizen's lower-case typing.
    assert _post(central, p.PUSH_PATH, token, {"events": [{**good, "seq": 5}]}).status_code == 200
    assert web.get(f"{central.url}/tra-cuu/{code.lower()}").status_code == 200
    assert central.error_lines() == []


# ---------------------------------------------------------------- fuzz

CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x1b", "\x7f", "\ud800"])
BAD_TEXT = st.one_of(
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=5), CONTROL, st.text(max_size=5)),
    st.integers(min_value=4001, max_value=6000).map(lambda n: "x" * n),
)
BAD_VALUE = st.one_of(
    BAD_TEXT,
    st.integers(min_value=2**63, max_value=10**40), st.integers(max_value=-1),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f != int(f)),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.integers(min_value=33, max_value=80).map(lambda n: json.loads("[" * n + "]" * n)),
)
URL_TEXT = st.one_of(BAD_TEXT, st.text(max_size=70)).filter(lambda t: "\ud800" not in t and not (  # URLs: UTF-8
    isinstance(t, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
JUNK = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=8)


def _paths(value, prefix=()):  # noqa: ANN001, ANN202
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _replace(value, path, new):  # noqa: ANN001, ANN202
    if not path:
        return new
    out = copy.deepcopy(value)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return out


def _mutations(base: dict) -> st.SearchStrategy:
    paths = [q for q in _paths(base) if q]
    return st.one_of(
        st.builds(lambda path, bad: _replace(base, path, bad), st.sampled_from(paths), BAD_VALUE),
        JUNK,
    )


@pytest.mark.parametrize("setup", BACKENDS, indirect=True)
def test_fuzz_every_endpoint_no_5xx_and_refusals_write_nothing(setup):
    central, central_db, desk, token, bo_token = setup
    desk.receive(2)
    events = wire_events(desk)
    code = events[0]["payload"]["record"]["MaHoSo"]
    assert _post(central, p.PUSH_PATH, token, {"events": events[:1]}).status_code == 200
    next_event = events[1]
    bo = {"Authorization": f"Bearer {bo_token}", "Content-Type": "application/json"}
    api = central.url + p.BACKOFFICE_PATH
    bodies = {
        "push": ({"events": [next_event], "sent_at": "2026-11-25 09:00:00"}, PushIn),
        "process": ({"note": "Đã nhận"}, ProcessIn),
        "supplement": ({"items": [{"name": "Tờ khai", "reason": "Thiếu chữ ký"}], "note": ""}, SupplementIn),
        "stop": ({"reason": "Không đủ điều kiện"}, StopIn),
        "result": ({"result_type": "Giấy khai sinh", "result_number": "1/2026", "summary": "", "note": ""},
                   ResultIn),
    }
    requests = st.one_of(
        *[st.tuples(st.just(name), _mutations(base)) for name, (base, _) in bodies.items()],
        st.tuples(st.just("changes"), st.dictionaries(st.sampled_from(["after", "limit"]),
                                                      st.one_of(st.integers(min_value=-10**30, max_value=10**30),
                                                                URL_TEXT), min_size=1)),
        st.tuples(st.just("counters"), st.dictionaries(st.sampled_from(["from", "to", "unit"]), URL_TEXT,
                                                       min_size=1)),
        st.tuples(st.just("path"), URL_TEXT),
    )

    @settings(max_examples=120, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(requests)
    def check(request):  # noqa: ANN001, ANN202
        name, data = request
        before = _snapshot(central_db)
        if name == "push":
            r = _post(central, p.PUSH_PATH, token, data)
        elif name in bodies:
            r = web.post(f"{api}/{code}/{name}", content=json.dumps(data).encode(), headers=bo, timeout=30)
        elif name == "changes":
            r = web.get(central.url + p.CHANGES_PATH, params=data, headers=bo | {"Authorization": f"Bearer {token}"})
        elif name == "counters":
            r = web.get(central.url + p.COUNTERS_PATH, params=data, headers=bo)
        else:
            r = web.post(f"{api}/{quote(data, safe='')}/process", json={}, headers=bo)
            assert r.status_code < 500, (name, data, r.status_code)
            r = web.get(f"{central.url}/tra-cuu/{quote(data, safe='')}")
        assert r.status_code < 500, (name, data, r.status_code, r.text[:300])
        after = _snapshot(central_db)
        if r.status_code >= 400 or name in ("changes", "counters", "path"):
            assert after == before, (name, data, r.status_code)
        elif name in bodies:  # an accepted body must be one the schema accepts
            try:
                parsed = bodies[name][1].model_validate(data)
            except PydanticError as exc:  # pragma: no cover - the failure message
                raise AssertionError(f"{name} accepted an invalid body {data!r}: {exc}") from None
            if name == "push" and any(e.content is None for e in parsed.events):
                # A payload the rules refuse is only kept aside: no dossier written or changed.
                assert after[1] == before[1], (data, r.text)

    check()
    assert central.error_lines() == []
