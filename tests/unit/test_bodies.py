"""The central's reading of request bodies (central/bodies.py, issue #20): the fast path (orjson, the
nesting counted on the parsed data) answers exactly as the reference reading (Python's json, the
nesting counted on the text) — the same data, or the same 422 message — on generated bodies."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from central.bodies import MAX_JSON_DEPTH, _parse_exactly, parse_json
from central.errors import Malformed
from counter_app.domain import json_nesting

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


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
