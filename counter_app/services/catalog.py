"""Procedure catalog: import from the national JSON shape, accent-insensitive search, detail.

The file format is documented in docs/catalog-format.md. An import validates every record before
writing anything, so a bad file is rejected whole with a message naming the record and field.
"""

from __future__ import annotations

import heapq
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain import fees, json_nesting
from counter_app.domain import fields as limits
from counter_app.domain.durations import Duration
from counter_app.domain.text import fold
from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import Field, Procedure, ProcedureCase, ProcedureVersion, RequiredDocument, local_now
from counter_app.models.db import Database
from counter_app.resources import resource_path

from . import audit, settings
from .errors import CatalogImportError, NotFoundError

BUNDLED_CATALOG = resource_path("catalog", "procedures.json")
DIRECT_CHANNEL = "truc tiep"
TIME_UNITS = {"ngay lam viec": QT_TR_NOOP("Ngày làm việc"), "gio lam viec": QT_TR_NOOP("Giờ làm việc"), "ngay": QT_TR_NOOP("Ngày")}
LEVELS = {"cap tinh": "Cấp Tỉnh", "cap xa": "Cấp Xã", "cap huyen": "Cấp Huyện"}


# ---------------------------------------------------------------- parsed records

@dataclass(frozen=True)
class DocumentRecord:
    code: str
    name: str
    form_template: str
    originals: int
    certified_copies: int
    photocopies: int
    mandatory: bool
    condition: str


@dataclass(frozen=True)
class CaseRecord:
    code: str
    name: str
    processing_amount: Decimal
    processing_unit: str
    fee_amount: int
    fee_text: str
    documents: tuple[DocumentRecord, ...]
    fee_schedule: str = ""  # domain.fees.FeeSchedule as JSON ("" when nothing is charged)


@dataclass(frozen=True)
class ProcedureRecord:
    code: str
    name: str
    field_code: str
    field_name: str
    levels: str
    agencies: str
    results: str
    legal_basis: str
    source: str
    effective_date: date | None
    cases: tuple[CaseRecord, ...]
    raw_json: str


# The shared limit of each text key (counter_app/domain/fields.py); other texts: CATALOG_TEXT.
_TEXT_RULES = {
    "MATTHC": limits.PROCEDURE_CODE, "TENTTHC": limits.PROCEDURE_NAME, "MALINHVUC": limits.FIELD_CODE,
    "TENLINHVUC": limits.FIELD_NAME, "MATRUONGHOP": limits.CASE_CODE, "TENTRUONGHOP": limits.CASE_NAME,
    # a case reference: its code (MATRUONGHOP, checked where defined) or, in the national API, its name
    "TRUONGHOP": limits.CASE_NAME,
    "MAGIAYTO": limits.DOCUMENT_CODE, "TENGIAYTO": limits.DOCUMENT_NAME,
    "MAUDON": limits.FORM_TEMPLATE, "NGUON": limits.CATALOG_SOURCE,
}


def _derived_code(name: str) -> str:
    """A field code from its name when the record has none (MALINHVUC): the folded name, shortened
    with a digest of the whole name when it is longer than the code's limit (fields.FIELD_CODE)."""
    folded = fold(name)
    limit = limits.FIELD_CODE.max_length
    if len(folded) <= limit:
        return folded
    import hashlib

    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
    return f"{folded[:limit - 9].rstrip()}-{digest}"


class _RecordError(Exception):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem


def _text(obj: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _RecordError(f"{path}{key}", tr("bị thiếu hoặc để trống"))
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _RecordError(f"{path}{key}", tr("phải là chuỗi ký tự"))
    rule = _TEXT_RULES.get(key, limits.CATALOG_TEXT)
    try:
        return limits.clean(rule, str(value))
    except limits.FieldError:
        text = str(value)
        if limits.problem(limits.FieldRule("", "", 10**9), text):
            raise _RecordError(f"{path}{key}", tr("chứa ký tự điều khiển (NUL …) không hợp lệ")) from None
        raise _RecordError(f"{path}{key}", tr("dài {count} ký tự, "
                           "tối đa {max_length} ký tự").format(count=limits.number(len(limits.normalise(rule, text))), max_length=limits.number(rule.max_length))) from None


def _list(obj: dict[str, Any], key: str, path: str, *, required: bool = True) -> list[Any]:
    value = obj.get(key)
    if value is None:
        if required:
            raise _RecordError(f"{path}{key}", tr("bị thiếu"))
        return []
    if not isinstance(value, list):
        raise _RecordError(f"{path}{key}", tr("phải là một danh sách"))
    if required and not value:
        raise _RecordError(f"{path}{key}", tr("không được để trống"))
    for i, item in enumerate(value):
        if not isinstance(item, dict | str):
            raise _RecordError(f"{path}{key}[{i}]", tr("có kiểu dữ liệu không hợp lệ"))
    return value


def _obj(item: Any, path: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise _RecordError(path, tr("phải là một đối tượng JSON"))
    return item


def _count(obj: dict[str, Any], key: str, path: str, default: int = 0) -> int:
    value = obj.get(key, default)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _RecordError(f"{path}{key}", tr("phải là số nguyên không âm"))
    try:
        number = int(value)
    except ValueError:
        raise _RecordError(f"{path}{key}", tr("phải là số nguyên không âm")) from None
    if number < 0 or number > 100:
        raise _RecordError(f"{path}{key}", tr("phải từ 0 đến 100"))
    return number


def _amount(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise _RecordError(path, tr("phải là một số"))
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise _RecordError(path, tr("phải là một số")) from None
    if not number.is_finite() or number < 0:
        raise _RecordError(path, tr("phải là số không âm"))
    return number


def _bool(obj: dict[str, Any], key: str, path: str, default: bool) -> bool:
    value = obj.get(key, default)
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    raise _RecordError(f"{path}{key}", tr("phải là true hoặc false"))


def _date(obj: dict[str, Any], key: str, path: str) -> date | None:
    value = obj.get(key)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise _RecordError(f"{path}{key}", tr("phải là ngày dạng YYYY-MM-DD")) from None


def _parse_documents(group: dict[str, Any], path: str) -> tuple[DocumentRecord, ...]:
    docs = []
    for j, raw in enumerate(_list(group, "GIAYTO", path)):
        p = f"{path}GIAYTO[{j}]."
        doc = _obj(raw, p.rstrip("."))
        certified_key = "SOBANCHUNGTHUC" if "SOBANCHUNGTHUC" in doc else "SOBANSAO"
        mandatory = _bool(doc, "BATBUOC", p, True)
        docs.append(DocumentRecord(
            code=_text(doc, "MAGIAYTO", p, required=False),
            name=_text(doc, "TENGIAYTO", p),
            form_template=_text(doc, "MAUDON", p, required=False),
            originals=_count(doc, "SOBANCHINH", p),
            certified_copies=_count(doc, certified_key, p),
            photocopies=_count(doc, "SOBANPHOTO", p),
            mandatory=mandatory,
            condition=_text(doc, "DIEUKIEN", p, required=False),
        ))
    return tuple(docs)


_LEVEL_KEYS = ("TENCAPTHUCHIEN", "TENCAP", "CAPTHUCHIEN", "TEN", "MOTA")


def _level_name(obj: Any, path: str) -> str:
    """A level given as an object ({"MACAPTHUCHIEN": "3", "TENCAPTHUCHIEN": "Cấp Xã"} …)."""
    level = _obj(obj, path)
    for key in _LEVEL_KEYS:
        if isinstance(level.get(key), str) and level[key].strip():
            return _text(level, key, f"{path}.")
    raise _RecordError(path, tr("không có tên cấp thực hiện (TENCAPTHUCHIEN)"))


# Money is integer đồng written the Vietnamese way: "." groups thousands ("8.000" is eight thousand
# đồng, never eight), an optional unit ("đồng", "đ", "VNĐ") and an optional "/bản", "/trường hợp"…
# "Không" and "Miễn" (and their longer forms) mean nothing to pay. Anything else is refused.
_MONEY_TEXT = re.compile(
    r"^(\d{1,3}(?:\.\d{3})+|\d{4,}|\d{1,3}(?!,))(?:,00?)?\s*(?:dong|d|vnd)?\s*(?:/\s*[a-z0-9 ,()]+)?$")
_NO_FEE_WORDS = {"khong": "Không", "mien": "Miễn", "mien phi": "Miễn phí", "mien le phi": "Miễn lệ phí",
                 "mien phi, le phi": "Miễn phí, lệ phí", "khong thu": "Không thu",
                 "khong thu phi": "Không thu phí", "khong thu le phi": "Không thu lệ phí",
                 "khong co": "Không có", "khong quy dinh": "Không quy định"}
MONEY_MAX = 10**12  # a fee above a thousand billion đồng is a typo, not a fee


def money_text(amount: int) -> str:
    """8000 -> "8.000 đồng"."""
    return f"{amount:,} đồng".replace(",", ".")


def _money(value: Any, path: str) -> tuple[int, str]:
    """(amount in đồng, the no-fee word when the record wrote one)."""
    if isinstance(value, bool) or value is None:
        raise _RecordError(path, tr("phải là số tiền (đồng)"))
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _RecordError(path, tr("«{value}» không phải số đồng nguyên").format(value=value))
        amount = int(value)
    elif isinstance(value, str):
        folded = fold(value).strip(" .")
        if folded in _NO_FEE_WORDS:
            return 0, _NO_FEE_WORDS[folded]
        m = _MONEY_TEXT.match(folded)
        if m is None:
            raise _RecordError(path, tr("«{value}» không đọc được thành số tiền đồng "
                                     "(ví dụ «8.000», «8.000 đồng», «Không», «Miễn»)").format(value=value))
        amount = int(m.group(1).replace(".", ""))
    else:
        raise _RecordError(path, tr("phải là số tiền (đồng)"))
    if amount < 0 or amount > MONEY_MAX:
        raise _RecordError(path, tr("«{value}» không phải số tiền hợp lệ").format(value=value))
    return amount, ""


_BASIS_WORDS = {"co dinh": fees.FeeBasis.FIXED, "theo ban": fees.FeeBasis.PER_COPY,
                "theo trang": fees.FeeBasis.PER_PAGE}


def _fee_item(fee: dict[str, Any], path: str, index: int, money: int, desc: str) -> fees.FeeItem:
    """One charged PHILEPHI row as a domain fee item: how it is charged (``CACHTINH``: "Cố định",
    "Theo bản", "Theo trang"; else read from a "/trang" or "/bản" after the amount), and for a
    per-page rate the optional tier (``TUTRANG``, ``SOTIENTUTRANG``) and cap per copy (``TOIDA``)."""
    basis_text = _text(fee, "CACHTINH", path, required=False)
    if basis_text:
        basis = _BASIS_WORDS.get(fold(basis_text).strip())
        if basis is None:
            raise _RecordError(f"{path}CACHTINH", tr("«{basis_text}» không phải cách tính phí "
                                                  "(«Cố định», «Theo bản», «Theo trang»)").format(basis_text=basis_text))
    else:
        raw = fold(str(fee.get("SOTIEN", ""))).replace(" ", "")
        basis = (fees.FeeBasis.PER_PAGE if "/trang" in raw else
                 fees.FeeBasis.PER_COPY if "/ban" in raw else fees.FeeBasis.FIXED)
    later_from = 0
    later_amount = 0
    if "TUTRANG" in fee:
        later_from = _count(fee, "TUTRANG", path)
        if basis is not fees.FeeBasis.PER_PAGE or later_from < 2:
            raise _RecordError(f"{path}TUTRANG", tr("chỉ dùng cho phí tính theo trang, từ trang 2 trở đi"))
        later_amount, _ = _money(fee.get("SOTIENTUTRANG", 0), f"{path}SOTIENTUTRANG")
    cap = _money(fee["TOIDA"], f"{path}TOIDA")[0] if "TOIDA" in fee else 0
    code = _text(fee, "MAPHILEPHI", path, required=False) or f"LP{index + 1}"
    name = desc.split(":")[0].split(". ")[0].strip() if desc else ""
    if not fold(name).startswith(("phi", "le phi")):  # "Mức tham khảo" and the like name nothing
        name = "Phí, lệ phí"
    return fees.FeeItem(code, name, money, basis, later_from, later_amount, cap)


def _exemptions(row: dict[str, Any], path: str, items: list[fees.FeeItem]) -> tuple[fees.Exemption, ...]:
    """``MIENGIAM``: who does not pay (``DOITUONG``), by which text (``CANCU``, required) and, when
    only some fee rows are waived, their ``PHILEPHI`` codes."""
    codes_known = {i.code for i in items}
    result = []
    for k, raw in enumerate(_list(row, "MIENGIAM", path, required=False)):
        ep = f"{path}MIENGIAM[{k}]."
        ex = _obj(raw, ep.rstrip("."))
        waived = ex.get("PHILEPHI", [])
        if not isinstance(waived, list) or any(not isinstance(c, str) or c not in codes_known for c in waived):
            raise _RecordError(f"{ep}PHILEPHI", tr("phải là danh sách mã phí, lệ phí (MAPHILEPHI) của trường hợp này"))
        result.append(fees.Exemption(_text(ex, "MAMIENGIAM", ep, required=False) or f"MG{k + 1}",
                                     _text(ex, "DOITUONG", ep), _text(ex, "CANCU", ep), tuple(waived)))
    return tuple(result)


SAME_DAY_UNIT = "Trong ngày"
_SAME_DAY_PHRASES = ("trong ngay", "ngay trong ngay", "trong ngay lam viec")


def _processing_time(row: dict[str, Any], path: str) -> tuple[Decimal, str]:
    """(amount, catalog unit) of a THOIGIAN row; "trong ngày" procedures become the same-day unit,
    whether the record says so in DONVITINH, THOIGIANGIAIQUYET or its description (MOTA)."""
    if "THOIGIANGIAIQUYET" not in row:
        raise _RecordError(f"{path}THOIGIANGIAIQUYET", tr("bị thiếu"))
    raw = row["THOIGIANGIAIQUYET"]
    unit_text = _text(row, "DONVITINH", path, required=not isinstance(raw, str) or not fold(raw).startswith(
        _SAME_DAY_PHRASES))
    if isinstance(raw, str) and fold(raw).startswith(_SAME_DAY_PHRASES):
        return Decimal(0), SAME_DAY_UNIT
    amount = _amount(raw, f"{path}THOIGIANGIAIQUYET")
    folded_unit = fold(unit_text)
    if folded_unit in _SAME_DAY_PHRASES:
        return Decimal(0), SAME_DAY_UNIT
    if folded_unit not in TIME_UNITS:
        raise _RecordError(f"{path}DONVITINH",
                           tr("«{unit_text}» không phải Ngày làm việc, Giờ làm việc, Ngày hoặc Trong ngày").format(unit_text=unit_text))
    description = fold(_text(row, "MOTA", path, required=False))
    if (folded_unit in ("ngay lam viec", "ngay") and amount <= 1
            and (description.startswith(_SAME_DAY_PHRASES) or "ngay trong ngay" in description
                 or "sau 15 gio" in description)):
        return Decimal(0), SAME_DAY_UNIT
    return amount, TIME_UNITS[folded_unit]


def parse_record(raw: Any, position: int) -> ProcedureRecord:
    """Validate one national record; raises CatalogImportError naming the record and field."""
    label = tr("Bản ghi thứ {position}").format(position=position)
    try:
        rec = _obj(raw, "")
        code = _text(rec, "MATTHC", "")
        label = tr("Bản ghi thứ {position} (MATTHC {code})").format(position=position, code=code)
        name = _text(rec, "TENTTHC", "")
        fields = _list(rec, "LINHVUCTHUCHIEN", "")
        first_field = _obj(fields[0], "LINHVUCTHUCHIEN[0]")
        field_name = _text(first_field, "TENLINHVUC", "LINHVUCTHUCHIEN[0].")
        field_code = (_text(first_field, "MALINHVUC", "LINHVUCTHUCHIEN[0].", required=False)
                      or _derived_code(field_name))

        levels = []
        for i, level in enumerate(_list(rec, "CAPTHUCHIEN", "")):
            text = (_text({"": level}, "", f"CAPTHUCHIEN[{i}]") if isinstance(level, str)
                    else _level_name(level, f"CAPTHUCHIEN[{i}]"))
            if fold(text) not in LEVELS:
                raise _RecordError(f"CAPTHUCHIEN[{i}]", tr("«{text}» không phải Cấp Tỉnh, Cấp Xã hoặc Cấp Huyện").format(text=text))
            levels.append(LEVELS[fold(text)])

        agencies = [
            _text(_obj(a, f"COQUANTHUCHIEN[{i}]"), "TENDONVI", f"COQUANTHUCHIEN[{i}].")
            for i, a in enumerate(_list(rec, "COQUANTHUCHIEN", "", required=False))
        ]
        results = [
            _text(_obj(r, f"KETQUATHUCHIEN[{i}]"), "TENKETQUA", f"KETQUATHUCHIEN[{i}].")
            for i, r in enumerate(_list(rec, "KETQUATHUCHIEN", "", required=False))
        ]
        legal = []
        for i, raw_law in enumerate(_list(rec, "CANCUPHAPLY", "", required=False)):
            p = f"CANCUPHAPLY[{i}]."
            law = _obj(raw_law, p.rstrip("."))
            number = _text(law, "SOVANBAN", p, required=False)
            title = _text(law, "TENVANBAN", p)
            issued = _date(law, "NGAYBANHANH", p)
            legal.append(" ".join(x for x in (
                title, f"số {number}" if number else "", f"ngày {issued:%d/%m/%Y}" if issued else "") if x))

        case_defs: list[tuple[str, str]] = []
        for i, raw_case in enumerate(_list(rec, "TRUONGHOP", "", required=False)):
            p = f"TRUONGHOP[{i}]."
            case = _obj(raw_case, p.rstrip("."))
            case_code = _text(case, "MATRUONGHOP", p)
            if any(c == case_code for c, _ in case_defs):
                raise _RecordError(f"{p}MATRUONGHOP", tr("mã trường hợp «{case_code}» bị trùng").format(case_code=case_code))
            case_defs.append((case_code, _text(case, "TENTRUONGHOP", p)))
        # Without a TRUONGHOP list, the national API names each case inside THANHPHANHOSO (and
        # THOIGIAN) by its name: such a name defines a case, coded TH1, TH2 … in order of appearance.
        cases_by_name = len(case_defs) == 0
        by_folded_name = {fold(n): c for c, n in case_defs}

        def case_ref(obj: dict[str, Any], path: str) -> str:
            ref = _text(obj, "TRUONGHOP", path, required=False)
            if not ref or any(c == ref for c, _ in case_defs):
                return ref
            known = by_folded_name.get(fold(ref))
            if known is not None:
                return known
            if not cases_by_name:
                raise _RecordError(f"{path}TRUONGHOP", tr("trường hợp «{ref}» không có trong TRUONGHOP").format(ref=ref))
            new_code = f"TH{len(case_defs) + 1}"
            case_defs.append((new_code, ref))
            by_folded_name[fold(ref)] = new_code
            return new_code

        groups = []
        for i, raw_group in enumerate(_list(rec, "THANHPHANHOSO", "")):
            p = f"THANHPHANHOSO[{i}]."
            group = _obj(raw_group, p.rstrip("."))
            groups.append((case_ref(group, p), _parse_documents(group, p)))

        # Processing time and fees per case; the direct channel wins over the others.
        timed: list[tuple[str, tuple[int, Decimal, str, int, str, str]]] = []
        for i, raw_channel in enumerate(_list(rec, "CACHTHUCTHUCHIEN", "")):
            p = f"CACHTHUCTHUCHIEN[{i}]."
            channel = _obj(raw_channel, p.rstrip("."))
            rank = 0 if fold(_text(channel, "KENH", p)) == DIRECT_CHANNEL else 1
            for j, raw_time in enumerate(_list(channel, "THOIGIAN", p)):
                tp = f"{p}THOIGIAN[{j}]."
                row = _obj(raw_time, tp.rstrip("."))
                amount, unit = _processing_time(row, tp)
                limit = limits.max_processing(hours=unit == TIME_UNITS["gio lam viec"])
                if amount > limit:
                    raise _RecordError(f"{tp}THOIGIANGIAIQUYET",
                                       tr("là {amount} {unit}, vượt mức tối đa {limit} {unit} "
                                       "(có thể nhập nhầm)").format(amount=amount, unit=tr(unit).lower(), limit=limit))
                fee_total = 0
                fee_texts = []
                fee_items: list[fees.FeeItem] = []
                for k, raw_fee in enumerate(_list(row, "PHILEPHI", tp, required=False)):
                    fp = f"{tp}PHILEPHI[{k}]."
                    fee = _obj(raw_fee, fp.rstrip("."))
                    money, word = _money(fee.get("SOTIEN", 0), f"{fp}SOTIEN")
                    fee_total += money
                    desc = _text(fee, "MOTA", fp, required=False)
                    shown = word if word else money_text(money)
                    fee_texts.append(shown + (f" ({desc})" if desc else ""))
                    if money:
                        fee_items.append(_fee_item(fee, fp, k, money, desc))
                schedule = fees.FeeSchedule(tuple(fee_items), _exemptions(row, tp, fee_items))
                timed.append((case_ref(row, tp), (rank, amount, unit, fee_total, "; ".join(fee_texts),
                                                  schedule.to_json())))
        if not case_defs:
            case_defs = [("", name)]
        case_codes = {c for c, _ in case_defs}

        times: dict[str, tuple[int, Decimal, str, int, str, str]] = {}
        for ref, entry in timed:
            for target in ([ref] if ref else sorted(case_codes)):
                if target not in times or (entry[0], 0) < (times[target][0], 1):
                    times[target] = entry

        docs_by_case: dict[str, list[DocumentRecord]] = {c: [] for c in case_codes}
        for ref, docs in groups:
            for target in ([ref] if ref else sorted(case_codes)):
                docs_by_case[target].extend(docs)

        cases = []
        for case_code, case_name in case_defs:
            if case_code not in times:
                raise _RecordError("CACHTHUCTHUCHIEN", tr("không có thời hạn giải quyết cho trường hợp «{case_name}»").format(case_name=case_name))
            if not docs_by_case[case_code]:
                raise _RecordError("THANHPHANHOSO", tr("không có giấy tờ nào cho trường hợp «{case_name}»").format(case_name=case_name))
            _, amount, unit, fee_amount, fee_text, fee_schedule = times[case_code]
            cases.append(CaseRecord(case_code, case_name, amount, unit, fee_amount, fee_text,
                                    tuple(docs_by_case[case_code]), fee_schedule))

        for i, part in enumerate(_list(rec, "UOCTINH", "", required=False)):
            if not isinstance(part, str):
                raise _RecordError(f"UOCTINH[{i}]", tr("phải là tên trường (chuỗi ký tự)"))
            _text({"": part}, "", f"UOCTINH[{i}]")  # the shared limits, as every text read here
        return ProcedureRecord(
            code=code, name=name, field_code=field_code, field_name=field_name,
            levels=", ".join(dict.fromkeys(levels)), agencies="\n".join(agencies),
            results="\n".join(results), legal_basis="\n".join(legal),
            source=_text(rec, "NGUON", "", required=False), effective_date=_date(rec, "NGAYHIEULUC", ""),
            cases=tuple(cases),
            raw_json=json.dumps(rec, ensure_ascii=False, sort_keys=True),
        )
    except _RecordError as exc:
        raise CatalogImportError(tr("{label}: trường {path} {problem}.").format(label=label, path=exc.path, problem=exc.problem), field=exc.path) from None


def parse_catalog(data: Any) -> list[ProcedureRecord]:
    """A file is a bare list, {"procedures": […]} or the national API's {"result": […]} (or "data")."""
    records = data
    if isinstance(data, dict):
        key = next((k for k in ("procedures", "result", "data") if k in data), None)
        records = data.get(key) if key else None
        if isinstance(records, dict) and isinstance(records.get("data"), list):
            records = records["data"]  # {"result": {"data": […], "total": n}}
    if not isinstance(records, list):
        raise CatalogImportError(tr("Tệp danh mục phải chứa danh sách thủ tục hành chính "
                                 "(«procedures», «result» hoặc một danh sách JSON)."))
    if not records:
        raise CatalogImportError(tr("Tệp danh mục không có thủ tục nào."))
    parsed = [parse_record(raw, i) for i, raw in enumerate(records, start=1)]
    seen: dict[str, int] = {}
    for i, rec in enumerate(parsed, start=1):
        if rec.code in seen:
            raise CatalogImportError(
                tr("Bản ghi thứ {i} (MATTHC {code}): mã thủ tục trùng với bản ghi thứ {seen}.").format(i=i, code=rec.code, seen=seen[rec.code]),
                field="MATTHC")
        seen[rec.code] = i
    return parsed


# The national record nests about six levels (procedure → cases → documents → forms); anything
# far deeper is not a catalog, and Python's parser would overflow its stack on it.
MAX_JSON_DEPTH = 64


def load_catalog_file(path: Path | str) -> list[ProcedureRecord]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark (Notepad, Excel) is not an error
    except FileNotFoundError:
        raise CatalogImportError(tr("Không tìm thấy tệp danh mục «{path}».").format(path=path)) from None
    except UnicodeDecodeError:
        raise CatalogImportError(tr("Tệp «{name}» không phải văn bản UTF-8.").format(name=path.name)) from None
    except OSError as exc:
        raise CatalogImportError(tr("Không đọc được tệp danh mục «{path}»: {value}.").format(path=path, value=exc.strerror or exc)) from None
    depth = json_nesting.depth(text)
    if depth > MAX_JSON_DEPTH:
        raise CatalogImportError(
            tr("Tệp «{name}» lồng nhau quá sâu ({depth} cấp; tối đa {MAX_JSON_DEPTH}): "
            "đây không phải tệp danh mục thủ tục hợp lệ.").format(name=path.name, depth=depth, MAX_JSON_DEPTH=MAX_JSON_DEPTH))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogImportError(
            tr("Tệp «{name}» không phải JSON hợp lệ (dòng {lineno}, cột {colno}).").format(name=path.name, lineno=exc.lineno, colno=exc.colno)) from None
    return parse_catalog(data)


# ---------------------------------------------------------------- import

@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _apply_documents(case: ProcedureCase, docs: tuple[DocumentRecord, ...]) -> None:
    # Documents are matched by code (else by name) and never deleted: intakes refer to them.
    existing = {(d.code or d.name): d for d in case.documents}
    for d in case.documents:
        d.active = False
    for pos, rec in enumerate(docs, start=1):
        doc = existing.get(rec.code or rec.name)
        if doc is None:
            doc = RequiredDocument(code=rec.code, name=rec.name)
            case.documents.append(doc)
            existing[rec.code or rec.name] = doc
        doc.position, doc.name, doc.form_template = pos, rec.name, rec.form_template
        doc.originals, doc.certified_copies, doc.photocopies = rec.originals, rec.certified_copies, rec.photocopies
        doc.mandatory, doc.condition, doc.active = rec.mandatory, rec.condition, True


def _apply(procedure: Procedure, rec: ProcedureRecord, field_row: Field) -> None:
    procedure.name, procedure.name_folded = rec.name, fold(rec.name)
    procedure.field = field_row
    procedure.levels, procedure.agencies, procedure.results = rec.levels, rec.agencies, rec.results
    procedure.legal_basis, procedure.source = rec.legal_basis, rec.source
    procedure.effective_date, procedure.raw_json = rec.effective_date, rec.raw_json
    procedure.updated_at, procedure.active = local_now(), True
    cases = {c.code: c for c in procedure.cases}
    for c in procedure.cases:
        c.active = False
    for pos, case_rec in enumerate(rec.cases, start=1):
        case = cases.get(case_rec.code)
        if case is None:
            case = ProcedureCase(code=case_rec.code, name=case_rec.name,
                                 processing_amount=case_rec.processing_amount,
                                 processing_unit=case_rec.processing_unit)
            procedure.cases.append(case)
        case.position, case.name, case.active = pos, case_rec.name, True
        case.processing_amount, case.processing_unit = case_rec.processing_amount, case_rec.processing_unit
        case.fee_amount, case.fee_text = case_rec.fee_amount, case_rec.fee_text
        case.fee_schedule = case_rec.fee_schedule
        _apply_documents(case, case_rec.documents)


def import_records(session: Session, records: list[ProcedureRecord], *, source_name: str = "") -> ImportSummary:
    """Insert or update in place; every changed record keeps its earlier versions."""
    summary = ImportSummary()
    fields = {f.code: f for f in session.execute(select(Field)).scalars()}
    existing = {
        p.code: p for p in session.execute(
            select(Procedure).options(selectinload(Procedure.cases).selectinload(ProcedureCase.documents))
        ).scalars()
    }
    for rec in records:
        field_row = fields.get(rec.field_code)
        if field_row is None:
            field_row = fields[rec.field_code] = Field(code=rec.field_code, name=rec.field_name)
            session.add(field_row)
        field_row.name = rec.field_name
        procedure = existing.get(rec.code)
        if procedure is None:
            procedure = Procedure(code=rec.code, version=1, raw_json=rec.raw_json)
            session.add(procedure)
            _apply(procedure, rec, field_row)
            summary.created += 1
        elif procedure.raw_json == rec.raw_json:
            summary.unchanged += 1
            continue
        else:
            procedure.version += 1
            _apply(procedure, rec, field_row)
            summary.updated += 1
        session.flush()
        session.add(ProcedureVersion(procedure_id=procedure.id, version=procedure.version, raw_json=rec.raw_json))
    if summary.created or summary.updated:
        settings.bump(session, "catalog_revision")
    audit.append(session, action="catalog.imported", entity="catalog", entity_key=source_name[:64],
                 details={"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
    return summary


def import_file(db: Database, path: Path | str) -> ImportSummary:
    records = load_catalog_file(path)  # validate everything before opening the transaction
    with db.write() as session:
        return import_records(session, records, source_name=Path(path).name)


def ensure_bundled_catalog(db: Database) -> ImportSummary | None:
    """Load the bundled catalog into an empty database (first start)."""
    with db.read() as session:
        if session.execute(select(func.count()).select_from(Procedure)).scalar_one():
            return None
    return import_file(db, BUNDLED_CATALOG)


# ---------------------------------------------------------------- search and detail

@dataclass(frozen=True)
class ProcedureHit:
    id: int
    code: str
    name: str
    field_name: str
    levels: str


@dataclass(frozen=True)
class _IndexEntry:
    hit: ProcedureHit
    code: str  # lower case
    folded: str
    loose: str  # folded, "y" read as "i" (ký / kí, Thủy / Thủi are spelt both ways)
    words: frozenset[str]  # the loose words, for one-typo matches


@dataclass(frozen=True)
class _Index:
    entries: tuple[_IndexEntry, ...]
    near: dict[str, frozenset[str]]  # a word, or it with one letter dropped -> catalog words
    postings: dict[str, frozenset[int]]  # a catalog word -> the entries (positions) that have it


def loose(folded: str) -> str:
    """The folded text with "y" read as "i": what an officer types either way."""
    return folded.replace("y", "i")


def _drops(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, dropped, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


TYPO_MIN_LENGTH = 4  # shorter words have too many neighbours one letter away

# Search runs on every keystroke: the active catalog is kept in memory per database and reloaded
# only when an import bumps ``catalog_revision``. Filtering a few thousand short strings in
# Python is far cheaper than fetching the same rows from SQLite each time.
_index_cache: dict[str, tuple[int, _Index]] = {}


def _index(session: Session) -> _Index:
    key = str(session.get_bind().engine.url)
    revision = int(settings.get(session, "catalog_revision", 0))
    cached = _index_cache.get(key)
    if cached is not None and cached[0] == revision:
        return cached[1]
    rows = session.execute(
        select(Procedure.id, Procedure.code, Procedure.name, Procedure.name_folded, Field.name, Procedure.levels)
        .join(Field, Procedure.field_id == Field.id).where(Procedure.active.is_(True))
    ).all()
    entries = tuple(_IndexEntry(ProcedureHit(r[0], r[1], r[2], r[4], r[5]), r[1].lower(), r[3], loose(r[3]),
                                frozenset(loose(r[3]).split())) for r in rows)
    postings: dict[str, set[int]] = {}
    for position, entry in enumerate(entries):
        for word in entry.words:
            postings.setdefault(word, set()).add(position)
    near: dict[str, set[str]] = {}
    for word in postings:
        if len(word) >= TYPO_MIN_LENGTH - 1:
            for variant in (word, *_drops(word)):
                near.setdefault(variant, set()).add(word)
    index = _Index(entries, {k: frozenset(v) for k, v in near.items()},
                   {k: frozenset(v) for k, v in postings.items()})
    _index_cache[key] = (revision, index)
    return index


def _typo_alternatives(index: _Index, word: str) -> frozenset[str]:
    """Catalog words one typo away from ``word`` (none for short words)."""
    if len(word) < TYPO_MIN_LENGTH:
        return frozenset()
    found: set[str] = set()
    for variant in (word, *_drops(word)):
        found |= index.near.get(variant, frozenset())
    return frozenset(w for w in found if _one_edit(w, word))


def search(session: Session, text: str, limit: int = 50) -> list[ProcedureHit]:
    """Accent- and case-insensitive: every word must appear in the name, or the text prefixes the code.

    "i" and "y" are interchangeable (``dang ki khai sinh``); when nothing matches, each word of
    four letters or more may be one typo away from a word of the name (``dang ky khai sinnh``).
    """
    query = fold(text)
    index = _index(session)
    entries = index.entries
    if not query:
        ordered = sorted(entries, key=lambda e: (e.hit.field_name, e.folded))
        return [e.hit for e in ordered[:limit]]
    lquery = loose(query)
    words = lquery.split()
    single = len(words) == 1
    matches = [e for e in entries
               if (single and e.code.startswith(query)) or all(w in e.loose for w in words)]
    if not matches:  # one typo per word: the word as typed, or a catalog word one letter away
        found: set[int] | None = None
        for word in words:
            positions = {i for i, e in enumerate(entries) if word in e.loose}
            for alternative in _typo_alternatives(index, word):
                positions |= index.postings[alternative]
            found = positions if found is None else found & positions
            if not found:
                break
        matches = [entries[i] for i in sorted(found or ())]

    def rank(e: _IndexEntry) -> tuple:
        return (
            0 if e.code == query else 1 if e.code.startswith(query) else 2,
            0 if e.loose.startswith(lquery) or e.loose.removeprefix("thu tuc ").startswith(lquery) else 1,
            0 if query in e.folded else 1 if lquery in e.loose else 2,
            len(e.folded),
            e.folded,
        )

    return [e.hit for e in heapq.nsmallest(limit, matches, key=rank)]


@dataclass(frozen=True)
class DocumentDetail:
    id: int
    position: int
    name: str
    form_template: str
    originals: int
    certified_copies: int
    photocopies: int
    mandatory: bool
    condition: str


@dataclass(frozen=True)
class CaseDetail:
    id: int
    code: str
    name: str
    processing_amount: Decimal
    processing_unit: str
    processing_text: str
    fee_amount: int
    fee_text: str
    documents: tuple[DocumentDetail, ...]
    fee_schedule: str = ""  # domain.fees.FeeSchedule as JSON


@dataclass(frozen=True)
class ProcedureDetail:
    id: int
    code: str
    name: str
    field_name: str
    levels: str
    agencies: str
    results: str
    legal_basis: str
    source: str
    version: int
    cases: tuple[CaseDetail, ...] = field(default_factory=tuple)
    estimated: tuple[str, ...] = ()  # parts of the record marked as estimates (UOCTINH)


def processing_text(amount: Decimal, unit: str) -> str:
    """'03 ngày làm việc', '4 giờ làm việc', '1,5 ngày làm việc', 'Trong ngày' — the way the forms write it."""
    if fold(unit) == fold(SAME_DAY_UNIT):
        return "Trong ngày"
    number = int(amount) if amount == amount.to_integral_value() else amount
    shown = f"{number:02d}" if isinstance(number, int) else str(number).replace(".", ",")
    return f"{shown} {unit.lower()}"


def case_duration(case: CaseDetail | ProcedureCase) -> Duration:
    """The due-moment duration of a case (same-day procedures included)."""
    return Duration.from_catalog(case.processing_amount, case.processing_unit)


def detail_json(detail: ProcedureDetail) -> dict[str, Any]:
    """A procedure as stored, for ``counter-app catalog show CODE --json``: money in integer đồng."""
    return {
        "code": detail.code, "name": detail.name, "field": detail.field_name, "levels": detail.levels,
        "agencies": detail.agencies.splitlines(), "results": detail.results.splitlines(),
        "legal_basis": detail.legal_basis.splitlines(), "source": detail.source, "version": detail.version,
        "estimated": list(detail.estimated),
        "cases": [{
            "number": i, "code": c.code, "name": c.name,
            "processing_time": {"amount": _plain_number(c.processing_amount), "unit": c.processing_unit,
                                "text": c.processing_text, "same_day": fold(c.processing_unit) == fold(SAME_DAY_UNIT)},
            "fee_dong": c.fee_amount, "fee_text": c.fee_text,
            "fee_schedule": json.loads(c.fee_schedule) if c.fee_schedule else {"items": [], "exemptions": []},
            "documents": [{"position": d.position, "name": d.name, "form_template": d.form_template,
                           "originals": d.originals, "certified_copies": d.certified_copies,
                           "photocopies": d.photocopies, "mandatory": d.mandatory, "condition": d.condition}
                          for d in c.documents],
        } for i, c in enumerate(detail.cases, start=1)],
    }


def _plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def get_detail(session: Session, procedure_id: int | None = None, *, code: str | None = None) -> ProcedureDetail:
    stmt = select(Procedure).options(
        selectinload(Procedure.field),
        selectinload(Procedure.cases).selectinload(ProcedureCase.documents),
    )
    stmt = stmt.where(Procedure.id == procedure_id) if procedure_id is not None else stmt.where(Procedure.code == code)
    proc = session.execute(stmt).scalar_one_or_none()
    if proc is None:
        raise NotFoundError(tr("Không tìm thấy thủ tục «{value}».").format(value=code or procedure_id))
    cases = tuple(
        CaseDetail(
            c.id, c.code, c.name, c.processing_amount, c.processing_unit,
            processing_text(c.processing_amount, c.processing_unit), c.fee_amount,
            c.fee_text or "Không quy định",
            tuple(DocumentDetail(d.id, d.position, d.name, d.form_template, d.originals, d.certified_copies,
                                 d.photocopies, d.mandatory, d.condition) for d in c.documents if d.active),
            c.fee_schedule,
        )
        for c in proc.cases if c.active
    )
    return ProcedureDetail(proc.id, proc.code, proc.name, proc.field.name, proc.levels, proc.agencies,
                           proc.results, proc.legal_basis, proc.source, proc.version, cases,
                           estimated_parts(proc.raw_json))


def estimated_parts(raw_json: str) -> tuple[str, ...]:
    """The record's ``UOCTINH`` list: which parts (THOIGIAN, PHILEPHI, THANHPHANHOSO…) are estimates."""
    try:
        value = json.loads(raw_json).get("UOCTINH") or ()
    except (ValueError, AttributeError):
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()



def search_procedures(db: Database, text: str, limit: int = 50) -> list[ProcedureHit]:
    """:func:`search` in a read unit of work of its own (what the pages and the CLI call)."""
    with db.read() as session:
        return search(session, text, limit)


def procedure_detail(db: Database, procedure_id: int | None = None, *, code: str | None = None) -> ProcedureDetail:
    """:func:`get_detail` in a read unit of work of its own."""
    with db.read() as session:
        return get_detail(session, procedure_id, code=code)
