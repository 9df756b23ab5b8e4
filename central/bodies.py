"""Request bodies read and checked before any write: the JSON of a body (``parse_json``) and a desk's
push batch (``parse_push``). Pure functions of the bytes (no app, no database), so a push can be
parsed in another thread or process than the one that received it."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import chain
from operator import attrgetter
from types import NoneType, UnionType
from typing import Annotated, Any, Union, cast, get_args, get_origin

import annotated_types
import orjson
from pydantic import BaseModel, Discriminator, InstanceOf, Strict, StringConstraints, Tag, ValidationError
from pydantic.fields import FieldInfo
from typing_extensions import TypeAliasType

from counter_app.domain import json_nesting
from counter_app.sync import protocol as p

from .errors import Malformed, TooLarge
from .models import now_local
from .schemas import FAST_PUSH, WALKED, PushIn

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
    return _walked(data, body)


def _walked(data: Any, body: bytes) -> Any:
    """``parse_json``'s answer for ``body``, which orjson read as ``data``."""
    floats: list[float] = []
    if json_nesting.parsed_depth(data, MAX_JSON_DEPTH, floats) > MAX_JSON_DEPTH:
        raise Malformed(f"Dữ liệu gửi lên lồng nhau quá sâu (tối đa {MAX_JSON_DEPTH} mức).")
    if floats and _beyond_int64(floats):
        return _parse_exactly(body)  # maybe an integer orjson could not hold: json keeps it an int
    return data


def _beyond_int64(floats: list[float]) -> bool:
    return any(not -_BEYOND_INT64 < f < _BEYOND_INT64 for f in floats)


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
    desk did not say when it sent). Raises Malformed (422) or TooLarge (413) before any write.

    The fast way: orjson, then the Rust-checked twin (``schemas.FAST_PUSH``), whose types bound the
    nesting and rule out a float where an integer may have been (``_PUSH_DEPTH``): what it accepts
    needs no walk. A body it refuses is read as ``parse_json`` reads it, then checked by
    ``check_push``: the same answers, the same messages."""
    batch = refused = None
    try:
        data = orjson.loads(body[3:] if isinstance(body, bytes) and body[:3] == _BOM else body)
    except orjson.JSONDecodeError:
        data = _parse_exactly(body)
    else:
        batch = _fast_push(data)
        if batch is None:
            refused, data = data, _walked(data, body)
    if batch is None:
        if isinstance(data, dict) and isinstance(data.get("events"), list) and len(data["events"]) > p.MAX_BATCH_EVENTS:
            raise TooLarge(f"Lô có {len(data['events'])} sự kiện; tối đa {p.MAX_BATCH_EVENTS} sự kiện mỗi lần gửi.")
        batch = check_push(data, fast=None if data is refused else FAST_PUSH)  # the twin said no to it already
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


# ---------------------------------------------------------------- the nesting of a checked batch

# What the twin accepts nests no deeper than its types allow (its free-form parts are bounded JSON,
# ``schemas._free_json``) and holds no float an integer beyond 64 bits could have become (its ints are
# strict, its floats bounded): a batch it accepts needs neither the nesting walk nor the float check
# of ``_walked``. The bound is derived here from the twin's types at import, and the import fails on
# a type it cannot bound or a bound over MAX_JSON_DEPTH.

_INSTANCE_OF = cast(type, InstanceOf)  # a class at run time
_KNOWN_META = (StringConstraints, Strict, Tag, Discriminator, _INSTANCE_OF, annotated_types.BaseMetadata)


def _metadata(metas: tuple[Any, ...]) -> list[Any]:
    flat = []
    for meta in metas:
        if isinstance(meta, FieldInfo):
            flat += _metadata(tuple(meta.metadata))
        elif isinstance(meta, _KNOWN_META):
            flat.append(meta)
        else:
            raise TypeError(f"{meta!r}: no nesting rule known; teach central.bodies.type_depth")
    return flat


_ALIAS_DEPTHS: dict[Any, int | None] = {}


def _number(bound: Any) -> float:
    return float(bound) if isinstance(bound, (int, float)) else float("nan")  # nan: no comparison holds


def type_depth(tp: Any, metas: tuple[Any, ...] = ()) -> int | None:
    """How deeply a JSON value that ``tp`` accepts can nest (a model or a list 1 + its contents',
    a text 0), None when unbounded or when it may hold a float an integer beyond 64 bits became
    (an int or a float not strict, a float not within ±2**63). Knows only the kinds the push's twin
    is made of: anything else is a TypeError. ``metas``: the Annotated metadata around ``tp``."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return type_depth(args[0], (*metas, *args[1:]))
    flat = _metadata(metas)
    if any(isinstance(m, _INSTANCE_OF) for m in flat):
        return None  # the object as it came
    if isinstance(tp, TypeAliasType):  # named once, met many times (``schemas._free_json``)
        if tp not in _ALIAS_DEPTHS:
            _ALIAS_DEPTHS[tp] = type_depth(tp.__value__)
        return _ALIAS_DEPTHS[tp]
    if origin in (Union, UnionType):
        depths = [type_depth(a) for a in args]
        return None if None in depths else max(cast(list[int], depths))
    if origin in (list, dict) and args:
        inner = type_depth(args[-1])
        return None if inner is None or (origin is dict and args[0] is not str) else 1 + inner
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return model_depth(tp)
    strict = any(isinstance(m, Strict) and m.strict for m in flat)
    within = (any(isinstance(m, annotated_types.Gt) and _number(m.gt) >= -_BEYOND_INT64 for m in flat)
              and any(isinstance(m, annotated_types.Lt) and _number(m.lt) <= _BEYOND_INT64 for m in flat))
    if tp in (str, NoneType) or (tp in (int, bool) and strict) or (tp is float and strict and within):
        return 0
    if tp in (Any, dict, list, int, bool, float):
        return None  # free-form, or a number that may hide an integer beyond 64 bits (see parse_json)
    raise TypeError(f"{tp!r}: no nesting rule known; teach central.bodies.type_depth")


def model_depth(model: type[BaseModel]) -> int | None:
    """``type_depth`` of a model: 1 + its fields' and extra keys' (a field whose key another field
    reads as a model is bounded by that one)."""
    extra = model.model_config.get("extra")
    if extra == "allow":
        owner = next((c for c in model.__mro__ if "__pydantic_extra__" in vars(c).get("__annotations__", {})), None)
        hint = None if owner is None else vars(owner)["__annotations__"]["__pydantic_extra__"]
        if isinstance(hint, str):  # as pydantic reads it: in the namespace of the class's module
            hint = eval(hint, vars(sys.modules[owner.__module__]))  # noqa: S307
        extras = None if hint is None or get_origin(hint) is not dict else type_depth(get_args(hint)[1])
    else:
        extras = 0 if extra == "forbid" else None  # ignored keys are still in the body
    by_key: dict[str, list[int | None]] = {}
    for name, info in model.model_fields.items():
        key = info.validation_alias or info.alias or name
        if not isinstance(key, str):
            raise TypeError(f"{model.__name__}.{name}: alias {key!r}; teach central.bodies.model_depth")
        walked = WALKED in info.metadata  # measured after the check (``_walked_depth``)
        by_key.setdefault(key, []).append(0 if walked else type_depth(info.rebuild_annotation()))
    bounds = [min((d for d in depths if d is not None), default=None) for depths in by_key.values()]
    if extras is None or None in bounds:
        return None
    return 1 + max([extras, *cast(list[int], bounds)])


def _models_in(tp: Any) -> tuple[list[type[BaseModel]], bool]:
    """The models a field of type ``tp`` may hold, and whether as a list of them."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return _models_in(args[0])
    if origin in (Union, UnionType):
        found = [_models_in(a) for a in args]
        models = [m for ms, _ in found for m in ms]
        if len({each for ms, each in found if ms}) > 1:
            raise TypeError(f"{tp!r}: no nesting rule known; teach central.bodies._models_in")
        return models, any(each for ms, each in found if ms)
    if origin is list and args:
        models, each = _models_in(args[0])
        if each:
            raise TypeError(f"{tp!r}: no nesting rule known; teach central.bodies._models_in")
        return models, bool(models)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp], False
    return [], False


_Path = tuple[tuple[str, bool, type[BaseModel]], ...]  # (field, a list of models?, the model) from the batch


def _walks(model: type[BaseModel], level: int = 1, path: _Path = ()) -> list[tuple[_Path, int, tuple[str, ...]]]:
    """Where the fields marked WALKED are: the path to the models holding them, their level (the
    batch's object is 1), their names."""
    if level > MAX_JSON_DEPTH:
        raise TypeError(f"{model.__name__}: nested past MAX_JSON_DEPTH (a cycle?)")
    walked = tuple(name for name, info in model.model_fields.items() if WALKED in info.metadata)
    out = [(path, level, walked)] if walked else []
    for name, info in model.model_fields.items():
        models, each = _models_in(info.annotation)
        for m in models:
            out += _walks(m, level + (2 if each else 1), (*path, (name, each, m)))
    return out


_PUSH_DEPTH = model_depth(FAST_PUSH)
if _PUSH_DEPTH is None or _PUSH_DEPTH > MAX_JSON_DEPTH:
    raise TypeError(f"the push's twin nests {_PUSH_DEPTH} levels: bound it within MAX_JSON_DEPTH (central.schemas)")
_WALKS = _walks(FAST_PUSH)
if any(level >= MAX_JSON_DEPTH for _, level, _ in _WALKS):  # an empty one there would be past the limit
    raise TypeError("a WALKED field of the push's twin is at MAX_JSON_DEPTH")


def _walked_depth(batch: BaseModel, floats: list[float]) -> int:
    """The deepest level the WALKED fields of a checked batch reach, counted no further than
    MAX_JSON_DEPTH + 1 (the batch's object is level 1); their floats go to ``floats``. Empty
    containers and scalars are skipped: they reach one level below their model at most, which the
    schema bounds (``_PUSH_DEPTH``), and hold no float beyond 64 bits."""
    deepest = 0
    found: dict[_Path, list[Any]] = {(): [batch]}
    for path, level, names in _WALKS:
        for i in range(1, len(path) + 1):
            if path[:i] not in found:
                name, each, model = path[i - 1]
                values: Any = map(attrgetter(name), found[path[:i - 1]])
                found[path[:i]] = [v for v in (chain.from_iterable(values) if each else values) if type(v) is model]
        holders = found[path]
        values = map(attrgetter(*names), holders) if len(names) == 1 else chain.from_iterable(
            map(attrgetter(*names), holders))
        free = list(filter(None, values))
        if free:
            deepest = max(deepest, level - 1 + json_nesting.parsed_depth(free, MAX_JSON_DEPTH - level + 1, floats))
    return deepest


def _fast_push(data: Any) -> PushIn | None:
    """``data`` checked by the twin, when that is all ``parse_push`` would do with it (None: go the
    reference way): the twin accepts only batches the reference reads the same, and nothing in them
    nests deeper than ``_PUSH_DEPTH`` nor is a float where an integer may have been."""
    try:
        batch = FAST_PUSH.model_validate(data)
    except ValidationError:
        return None
    floats: list[float] = []
    if _walked_depth(batch, floats) > MAX_JSON_DEPTH or (floats and _beyond_int64(floats)):
        return None
    return cast(PushIn, batch)
