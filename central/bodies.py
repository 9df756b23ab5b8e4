"""Request bodies read and checked before any write: the JSON of a body (``parse_json``) and a desk's
push batch (``parse_push``). Pure functions of the bytes (no app, no database), so a push can be
parsed in another thread or process than the one that received it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

import orjson
from pydantic import ValidationError

from counter_app.domain import json_nesting
from counter_app.sync import protocol as p

from .errors import Malformed, TooLarge
from .models import now_local
from .schemas import FAST_PUSH, PushIn

# A push is {events: [{payload: {record: {…}, details: {…}}}]}: nothing legitimate nests deeper.
MAX_JSON_DEPTH = 32


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    first = errors[0] if errors else {}
    where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body",))
    more = f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else ""
    message = str(first.get("msg", "")).removeprefix("Value error, ")
    return f"Dữ liệu gửi lên không hợp lệ: {where or 'nội dung'}: {message}{more}."


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def parse_json(body: bytes) -> Any:
    """JSON of a request body, refused (422) when malformed, non-finite (NaN) or nested deeper than
    MAX_JSON_DEPTH: never a 500 from the parser's recursion or from what it let through.

    orjson (Rust, no Python recursion, ~2x faster than json) reads it first: it refuses by itself
    invalid UTF-8, NaN/Infinity, lone surrogates and more than 1,024 levels; whatever it refuses is
    read again by ``_parse_exactly``, which gives the same answer and message as ever (an error path,
    its cost does not matter). The nesting is counted on what it parsed. Its one divergence, an
    integer beyond 64 bits read as a float, is also sent to ``_parse_exactly``."""
    raw = body[3:] if isinstance(body, bytes) and body[:3] == _BOM else body
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _parse_exactly(body)
    floats: list[float] = []
    if json_nesting.parsed_depth(data, MAX_JSON_DEPTH, floats) > MAX_JSON_DEPTH:
        raise Malformed(f"Dữ liệu gửi lên lồng nhau quá sâu (tối đa {MAX_JSON_DEPTH} mức).")
    if floats and any(not -_BEYOND_INT64 < f < _BEYOND_INT64 for f in floats):
        return _parse_exactly(body)  # maybe an integer orjson could not hold: json keeps it an int
    return data


_BOM = b"\xef\xbb\xbf"
_BEYOND_INT64 = 2.0**63


def _parse_exactly(body: bytes) -> Any:
    """The reference reading of ``parse_json`` (Python's json), with the messages the tests pin."""
    try:
        text = body.decode("utf-8-sig") if isinstance(body, bytes) else body
    except UnicodeDecodeError:
        raise Malformed("Nội dung gửi lên không phải JSON hợp lệ.") from None
    if json_nesting.depth(text) > MAX_JSON_DEPTH:  # counted on the text: the parser never recurses that deep
        raise Malformed(f"Dữ liệu gửi lên lồng nhau quá sâu (tối đa {MAX_JSON_DEPTH} mức).")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise Malformed("Nội dung gửi lên không phải JSON hợp lệ.") from None
    # "\ud800" alone is valid JSON but no character: nothing could store or send it on (a 500 at the
    # first UTF-8 encoding). Pairs were joined by the parser, so any surrogate left is a lone one.
    if "\\u" in text and _SURROGATE.search(json.dumps(data, ensure_ascii=False)):
        raise Malformed("Dữ liệu gửi lên chứa ký tự không hợp lệ (nửa cặp UTF-16 đứng một mình).")
    return data


def parse_push(body: bytes) -> tuple[PushIn, int | None]:
    """A desk's push body: the validated batch and the desk's clock skew in seconds (None when the
    desk did not say when it sent). Raises Malformed (422) or TooLarge (413) before any write."""
    data = parse_json(body)
    if isinstance(data, dict) and isinstance(data.get("events"), list) and len(data["events"]) > p.MAX_BATCH_EVENTS:
        raise TooLarge(f"Lô có {len(data['events'])} sự kiện; tối đa {p.MAX_BATCH_EVENTS} sự kiện mỗi lần gửi.")
    batch = check_push(data)
    skew = None
    if batch.sent_at:
        try:
            skew = int((datetime.strptime(batch.sent_at, p.MOMENT_FORMAT) - now_local()).total_seconds())
        except ValueError:
            raise Malformed("sent_at phải có dạng YYYY-MM-DD HH:MM:SS.") from None
    return batch, skew


def check_push(data: Any, fast: Any = FAST_PUSH) -> PushIn:
    """The batch checked in Rust (``schemas.FAST_PUSH``); one it refuses in any way is checked again by
    the reference models, whose answer stands (``fast=None``: by them alone)."""
    if fast is not None:
        try:
            return cast(PushIn, fast.model_validate(data))
        except ValidationError:
            pass
    try:
        return PushIn.model_validate(data)
    except ValidationError as exc:
        raise Malformed(validation_message(list(exc.errors()))) from None
