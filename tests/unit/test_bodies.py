"""The central's reading of request bodies (central/bodies.py, issue #20): the fast path (orjson, the
nesting counted on the parsed data) answers exactly as the reference reading (Python's json, the
nesting counted on the text) — the same data, or the same 422 message — on generated bodies."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime
from typing import Annotated, Any

import pydantic
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import StringConstraints, TypeAdapter
from pydantic import ValidationError as PydanticError

from central.bodies import MAX_JSON_DEPTH, _parse_exactly, check_push, model_depth, parse_json, parse_push, type_depth
from central.errors import Malformed, TooLarge
from central.schemas import FAST_PUSH, PushIn, _check_moment, _check_record_moment, _FastBase
from counter_app.domain import fields, json_nesting
from counter_app.sync import protocol

TEXT = st.text(alphabet=st.characters(codec=None, categories=None), max_size=12)  # surrogates and controls too
NUMBER = st.one_of(st.integers(min_value=-(10**25), max_value=10**25), st.integers(min_value=2**62, max_value=2**66),
                   st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, -0.0, 1e300, 2.0**63, -2.0**63]))
JSON = st.recursive(st.none() | st.booleans() | NUMBER | TEXT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=12)


def _nest(value: Any, n: int) -> Any:
    for i in range(n):
        value = [value] if i % 2 else {"k": value}
    return value


def _encode(value: Any, ascii_only: bool) -> bytes:
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


BODY = st.one_of(
    st.builds(_encode, JSON, st.booleans()),
    st.builds(lambda v, n, a: _encode(_nest(v, n), a), JSON, st.integers(min_value=25, max_value=40), st.booleans()),
    st.builds(lambda v: b"\xef\xbb\xbf" + _encode(v, False), JSON),
    st.builds(lambda b, i, junk: b[:i] + junk + b[i:], st.builds(_encode, JSON, st.booleans()),
              st.integers(min_value=0, max_value=40),
              st.sampled_from([b"NaN", b"Infinity", b"-Infinity", b"\xff", b"\xed\xa0\x80", b"\\ud800", b'"', b"]",
                               b"\x00", b",", b"1e400", b"123456789012345678901234567890"])),
    st.binary(max_size=40),
)


def _outcome(read, body: bytes) -> tuple[str, str]:  # noqa: ANN001
    try:
        return "data", json.dumps(read(body))  # type-exact: 1 and 1.0, True and 1 differ in their text
    except Malformed as exc:
        return "refused", exc.message


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODY)
@example(b'{"events": [], "sent_at": NaN}')
@example(b'{"seq": 1000000000000000000000000000000}')
@example(b'{"a": "\\udfff"}')
@example(b"[" * 2000 + b"]" * 2000)
@example(b"[" * 33 + b"]" * 33)
@example(b"[" * 32 + b"]" * 32)
@example(b"\xef\xbb\xbf[1]")
def test_parse_json_answers_as_the_reference_reading(body):
    assert _outcome(parse_json, body) == _outcome(_parse_exactly, body)


def test_the_nesting_of_parsed_json_is_the_nesting_of_its_text():
    for text in ("7", "{}", "[]", '{"a": [1]}', '[[], [[{"b": "]]]"}]]]', json.dumps(_nest(1, 40))):
        assert json_nesting.parsed_depth(json.loads(text), 64) == json_nesting.depth(text)
    assert json_nesting.parsed_depth(_nest(1, 1000), MAX_JSON_DEPTH) == MAX_JSON_DEPTH + 1  # stops counting there
    floats: list[float] = []
    json_nesting.parsed_depth({"a": [1.5, {"b": 2}], "c": 3e30}, 32, floats)
    assert sorted(floats) == [1.5, 3e30]


# ---------------------------------------------------------------- the push checked in Rust

def _event(seq: int, record: dict | None, details: dict, kind: str = "dossier.received") -> dict:
    return {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "seq": seq, "kind": kind, "entity_key": "",
            "created_at": "2026-11-02 08:00:00", "payload": {"event": kind, "record": record, "details": details}}


def _record() -> dict:
    return {"MaHoSo": "000.00.01.H12-261102-0001", "MaTTHC": "1.001193", "TenTTHC": "Thủ tục đăng ký khai sinh",
            "MaTruongHop": "", "MaDonVi": "000.00.01.H12", "TenDonVi": "UBND xã Tân Thành", "SoQuay": 1,
            "ChuHoSo": "Nguyễn Văn An", "LoaiDoiTuong": "citizen", "SoGiayTo": "096012345678",
            "SoDienThoai": "0912345678", "Email": "an@example.vn", "DiaChi": "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau",
            "GioiTinh": "Nam", "QuocTich": "Việt Nam", "KenhThucHien": "direct", "NguonHoSo": "", "NgayNopHoSo": None,
            "SoBo": 1, "HinhThucTraKQ": "counter", "NgayTiepNhan": "20261102080000", "NgayHenTra": "20261105170000",
            "NgayHenTraBanDau": "20261105170000", "TrangThaiHoSo": 2, "NgayCoKetQua": None, "NgayTraKetQua": "",
            "CanBoTiepNhan": "Nguyễn Thị Minh Thư", "SoGiayToNop": 2,
            "TaiLieuNop": [{"MaThanhPhanHoSo": "GT1", "TenTaiLieu": "Tờ khai", "SoBanChinh": 1,
                            "TepDinhKem": [{"TenTep": "a.pdf", "DuongDan": "sha256:" + "0" * 64}]}],
            "QuaTrinhXuLy": [], "DanhSachLePhi": [{"SoTien": 8000, "DaNop": True}], "DanhSachGiayToKetQua": []}


def _intake() -> dict:
    return {"MaLuotTiepNhan": "00000000-0000-4000-8000-000000000009", "MaTTHC": "1.001193", "MaDonVi": "000.00.01.H12",
            "SoQuay": 1, "ChuHoSo": "Trần Văn Đức", "NgayTiepNhan": "20261102080000", "TrangThaiHoSo": 3,
            "MaPhieuBoSung": None, "LyDo": "Thiếu giấy tờ", "MaHoSoTrucTuyen": None}


PAYMENT = {"uuid": "00000000-0000-4000-8000-0000000000aa", "number": "BL-0001", "amount": 8000, "method": "cash",
           "reference": "", "paid_at": "2026-11-02 08:05:00"}
RATING = {"uuid": "00000000-0000-4000-8000-0000000000bb", "score": 3, "stage": "receipt", "reason": "",
          "officer": "Nguyễn Thị Minh Thư", "rated_at": "2026-11-02 08:06:00"}


def _batch() -> dict:
    return {"events": [_event(1, _record(), {"due_at": "2026-11-05 17:00:00"}),
                       _event(2, _record() | {"TrangThaiHoSo": 10, "NgayTraKetQua": "20261104100000"},
                              {"from": 9, "to": 10, "reason": ""}, "dossier.status_changed"),
                       _event(3, _intake(), {}, "intake.refused"),
                       _event(4, _record(), {"payment": dict(PAYMENT), "outstanding": 0}, "payment.recorded"),
                       _event(5, _record(), {"rating": dict(RATING)}, "rating.given"),
                       _event(6, None, {"note": "x"}, "note.added")],
            "sent_at": "2026-11-02 09:00:00", "audit_head": {"seq": 7, "hash": "ab" * 32}}


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(_batch())
# Mostly text already in its stored form, at most one piece that is not (or that only the reference
# accepts: characters outside the fast path's scripts).
GOOD_PIECES = st.sampled_from(["a", "Z", "0", "ễ", "đ", "Ư", "₫", "-", ":", "/", " ", "."])
BAD_PIECES = st.sampled_from(["  ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\x85", "\xa0", "\u3000", "\u2028",
                              "\ud800", "e\u0302\u0303", "\u0301", "\u212b", "Ω", "\u1100\u1161", "\u0b47\u0b3e",
                              "\u00ad", "😀"])
TRICKY_TEXT = st.builds(lambda good, bad, i: "".join(good[:i] + bad + good[i:]), st.lists(GOOD_PIECES, max_size=10),
                        st.lists(BAD_PIECES, max_size=1), st.integers(0, 10))
MOMENTS = st.one_of(
    st.builds(lambda y, mo, d, wire: f"{y}-{mo:02d}-{d:02d} 12:00:00" if wire else f"{y}{mo:02d}{d:02d}120000",
              st.integers(1999, 2100), st.integers(1, 12), st.integers(28, 32), st.booleans()),  # month ends
    st.builds(lambda y, mo, d, h, mi, s: f"{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}",
              st.integers(1999, 2100), st.integers(0, 13), st.integers(0, 32), st.integers(0, 24), st.integers(0, 60),
              st.integers(0, 60)),
    st.builds(lambda y, mo, d, h: f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:00:00", st.integers(1999, 2100),
              st.integers(0, 13), st.integers(0, 32), st.integers(0, 24)),
    st.sampled_from(["", "2024-02-29 00:00:00", "2100-02-29 00:00:00", "20000229120000", "2026-11-02T08:00:00",
                     "2026-11-02 08:00:00\n", "２０２６1102080000", "2026-11-2 8:00:00"]))
CHANGE = st.one_of(
    TRICKY_TEXT, TRICKY_TEXT, TRICKY_TEXT, MOMENTS,
    st.sampled_from([None, True, False, 0, 1, 9, 10, 11, -1, 2**62, 2**63, 1.0, 2.5, [], {}, [1], {"a": 1}, "x" * 41,
                     "x" * 65, "backlog", "online", "MaHoSo", "000.00.01.H12", "dossier.received"]),
    st.just("<drop>"), st.just("<extra>"),
)


def _mutate(batch: dict, changes: list[tuple[tuple, Any]]) -> dict:
    for path, new in changes:
        parent: Any = batch
        try:
            for step in path[:-1]:
                parent = parent[step]
            if new == "<drop>":
                del parent[path[-1]]
            elif new == "<extra>":
                if isinstance(parent[path[-1]], dict):
                    parent[path[-1]]["GhiChuThem"] = "thêm"
            else:
                parent[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue
    return batch


def _json(model: Any) -> str:
    try:
        return model.model_dump_json()
    except ValueError:  # a lone surrogate: parse_json refuses it before (test_parse_json_…)
        return "unencodable"


def _summary(read, data: Any) -> Any:  # noqa: ANN001
    """All of a checked batch that the central reads (central/push.py), or the 422's message."""
    try:
        batch = read(data)
    except (Malformed, TooLarge) as exc:
        return type(exc).__name__, exc.message
    events = []
    for e in batch.events:
        c = e.content
        events.append((e.uuid, e.seq, e.kind, e.entity_key, e.created_at, repr(e.payload), e.problem,
                       _json(e), None if c is None else (
                           _json(c), c.event, c.record, c.details,
                           None if c.dossier is None else (_json(c.dossier), c.dossier.model_dump()),
                           None if c.intake is None else (_json(c.intake), c.intake.model_dump()))))
    head = batch.audit_head  # read by central/anchors.py
    return events, batch.sent_at, None if head is None else (type(head.seq), head.seq, head.hash), _json(batch)


def _checked(data: Any) -> PushIn:
    return check_push(data)


def _reference(data: Any) -> PushIn:
    return check_push(data, fast=None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), CHANGE), max_size=4))
def test_the_rust_checked_push_is_the_reference_push(changes):
    data = _mutate(_batch(), changes)
    assert _summary(_checked, copy.deepcopy(data)) == _summary(_reference, copy.deepcopy(data))


SINGLE_CHANGES = [None, True, 0, 11, 2.0, "", "a  b", " a", "Ω", "e\u0301", "20010229120000", "2001-02-29 12:00:00",
                  [], {}, "<drop>", "<extra>"]


def test_every_single_change_of_a_batch_is_read_as_the_reference_reads_it():
    for path in [p for p in PATHS if not (len(p) > 3 and p[1] in (1, 3, 4) and p[3] == "record")]:  # one of each
        for new in SINGLE_CHANGES:
            data = _mutate(_batch(), [(path, new)])
            assert _summary(_checked, copy.deepcopy(data)) == _summary(_reference, copy.deepcopy(data)), (path, new)


# ---------------------------------------------------------------- the push read from its bytes

# ``parse_push`` takes a batch the twin accepts without counting its nesting nor looking for floats
# (the twin's types bound both: central/bodies.py ``model_depth``). The reference reading of a body:
# Python's json and the nesting of the text (``_parse_exactly``), then the reference models.

def _push_read(body: bytes) -> PushIn:
    return parse_push(body)[0]


def _reference_push(body: bytes) -> PushIn:
    data = _parse_exactly(body)
    if isinstance(data, dict) and isinstance(data.get("events"), list) and len(data["events"]) > protocol.MAX_BATCH_EVENTS:
        raise TooLarge(f"Lô có {len(data['events'])} sự kiện; tối đa {protocol.MAX_BATCH_EVENTS} sự kiện mỗi lần gửi.")
    batch = check_push(data, fast=None)
    if batch.sent_at:
        try:
            datetime.strptime(batch.sent_at, protocol.MOMENT_FORMAT)
        except ValueError:
            raise Malformed("sent_at phải có dạng YYYY-MM-DD HH:MM:SS.") from None
    return batch


def _bytes(batch: Any) -> bytes:
    return json.dumps(batch, ensure_ascii=False).encode("utf-8", "surrogatepass")


# Deep enough to pass the free-form bound or MAX_JSON_DEPTH from wherever they are put, numbers the
# twin must not take (a float where an integer may have been), free-form values of every JSON kind.
BYTES_CHANGES = [10**30, 2**63 - 1, 2.0**63, 1.5, _nest([], 25), _nest(1, 27), _nest(1.5, 28),
                 {"a": [1.5, None, True, {"b": 2**40}]}]
# Byte-level changes JSON texts carry and dicts cannot: duplicate keys, a BOM, NaN, a lone surrogate,
# an integer beyond 64 bits, a float for an integer, nesting past the limit.
TEXT_CHANGES = [(b"", b"\xef\xbb\xbf"), (b'"seq": 1,', b'"seq": 1, "seq": 9,'), (b'"seq": 1,', b'"seq": 1.0,'),
                (b'"outstanding": 0', b'"outstanding": NaN'), (b'"outstanding": 0', b'"outstanding": 1e400'),
                (b'"outstanding": 0', b'"outstanding": 123456789012345678901234567890'),
                (b'"amount": 8000', b'"amount": 8000.0'), (b'"SoBo": 1', b'"SoBo": 100000000000000000000'),
                (b'"note": "x"', b'"note": "\\ud800"'), (b'"note": "x"', b'"note": "\\ud83d\\ude00"'),
                (b'"reason": ""', b'"reason": ' + b"[" * 27 + b"]" * 27), (b'"reason": ""', b'"reason": ' + b"[" * 28 + b"]" * 28),
                (b'"hash"', b'"hash": 1, "hash"'), (b'"seq": 7', b'"seq": 70000000000000000000000000000')]


def _text_change(body: bytes, change: tuple[bytes, bytes]) -> bytes:
    old, new = change
    return new + body if not old else body.replace(old, new, 1)


def test_every_single_change_of_a_batch_is_read_from_its_bytes_as_the_reference_reads_it():
    for path in [p for p in PATHS if not (len(p) > 3 and p[1] in (1, 3, 4) and p[3] == "record")]:
        for new in BYTES_CHANGES:  # the twin against the reference: the test above
            body = _bytes(_mutate(_batch(), [(path, new)]))
            assert _summary(_push_read, body) == _summary(_reference_push, body), (path, new)
    for change in TEXT_CHANGES:
        body = _text_change(_bytes(_batch()), change)
        assert body != _bytes(_batch())
        assert _summary(_push_read, body) == _summary(_reference_push, body), change
    events = _batch()["events"]
    for code in (None, "", "000.00.01.H12-261102-0001", 7, [], "a  b"):  # a MaHoSo makes any record a dossier's
        for i in (0, 2):
            batch = _batch()
            batch["events"][i]["payload"]["record"]["MaHoSo"] = code
            body = _bytes(batch)
            assert _summary(_push_read, body) == _summary(_reference_push, body), (i, code)
    body = _bytes({"events": [events[i % len(events)] | {"seq": i + 1} for i in range(protocol.MAX_BATCH_EVENTS + 1)]})
    assert _summary(_push_read, body) == _summary(_reference_push, body) == (
        "TooLarge", f"Lô có {protocol.MAX_BATCH_EVENTS + 1} sự kiện; tối đa {protocol.MAX_BATCH_EVENTS} sự kiện mỗi lần gửi.")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(CHANGE, st.sampled_from(BYTES_CHANGES))), max_size=4),
       st.lists(st.sampled_from(TEXT_CHANGES), max_size=2))
def test_the_push_read_from_its_bytes_is_the_reference_push(changes, text_changes):
    body = _bytes(_mutate(_batch(), changes))
    for change in text_changes:
        body = _text_change(body, change)
    assert _summary(_push_read, body) == _summary(_reference_push, body)


def test_the_twin_bounds_the_nesting_of_what_it_accepts():
    """The bound ``parse_push`` relies on is derived from the twin's types: the reference models (Python
    validators), a free-form field, a lax int (a float an integer became) or unknown extras have none."""
    assert model_depth(FAST_PUSH) is not None and model_depth(FAST_PUSH) <= MAX_JSON_DEPTH
    assert model_depth(FAST_PUSH) >= 7  # events, event, payload, record, a record list, its objects, their values
    for free in (dict[str, Any], Any, int, float, list[int], Annotated[dict, pydantic.InstanceOf()]):
        assert type_depth(free) is None, free
    assert type_depth(Annotated[int, pydantic.Strict()]) == 0 and type_depth(list[list[str]]) == 2

    class Untyped(pydantic.BaseModel, extra="allow"):
        a: str = ""

    class Typed(_FastBase, extra="allow"):
        a: str = ""

    class Ignoring(pydantic.BaseModel):
        a: str = ""

    assert model_depth(Untyped) is None and model_depth(Ignoring) is None and model_depth(Typed) == 25
    with pytest.raises(TypeError):
        type_depth(PushIn)


def test_the_unchanged_batch_takes_the_fast_path():
    batch = FAST_PUSH.model_validate(_batch())  # nothing in it needs the reference models
    assert _json(pickle.loads(pickle.dumps(batch))) == _json(batch)  # it can travel to another process
    assert [e.content.dossier is not None for e in batch.events] == [True, True, False, True, True, False]
    assert batch.events[2].content.intake.LyDo == "Thiếu giấy tờ"


RULES = [r for r in vars(fields).values() if isinstance(r, fields.FieldRule)]


_FAST_TEXT = {rule: TypeAdapter(Annotated[str, StringConstraints(pattern=fields.stored_form_pattern(rule),
                                                                  max_length=rule.max_length)]) for rule in RULES}
_FAST_MOMENTS = [(TypeAdapter(Annotated[str, StringConstraints(pattern=fields.moment_pattern(*seps))]), check)
                 for seps, check in ((("", "", ""), _check_record_moment), (("-", " ", ":"), _check_moment))]


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(RULES), st.one_of(TRICKY_TEXT, st.text(max_size=12), st.text(alphabet=st.characters(
    min_codepoint=0x20, max_codepoint=0x2200), max_size=8)))
def test_a_text_the_rust_pattern_accepts_is_already_what_clean_stores(rule, text):
    try:
        _FAST_TEXT[rule].validate_python(text)
    except PydanticError:
        return
    assert fields.clean(rule, text) == text


@settings(max_examples=800, deadline=None)
@given(MOMENTS)
def test_a_moment_the_rust_pattern_accepts_is_one_the_reference_accepts(text):
    for fast, check in _FAST_MOMENTS:
        try:
            fast.validate_python(text)
        except PydanticError:
            continue
        assert check(text) == text


def test_the_characters_taken_as_they_are_are_inert_under_nfc():
    """No canonical composition has a second character in the set (so no pair of them composes),
    and each is its own NFC, a starter, neither white space nor refused."""
    import re
    import unicodedata

    python_syntax = re.sub(r"\\x\{([0-9A-F]+)\}", lambda m: f"\\U{int(m[1], 16):08X}", fields._INERT_CLASS)
    inert = re.compile(f"[{python_syntax}]")
    assert inert.fullmatch("ễ") and not inert.fullmatch(" ") and not inert.fullmatch("\u0301")
    seconds = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    assert not {c for c in seconds if inert.fullmatch(c)}
    for c in map(chr, range(0x10000)):
        if inert.fullmatch(c):
            assert not c.isspace() and unicodedata.combining(c) == 0 and unicodedata.is_normalized("NFC", c)
            assert fields.clean(fields.NOTE, c) == c
