"""The national procedure catalog's JSON shape, read and validated (docs/catalog-format.md).

Every record is parsed into plain records before anything is written (``catalog.import_file`` then
applies them), so a bad file is rejected whole with a message naming the record and field. The
central system and the sync (catalog changes) read records with the same functions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from counter_app.domain import fees, json_nesting
from counter_app.domain import fields as limits
from counter_app.domain.text import fold
from counter_app.i18n import QT_TR_NOOP, tr

from .errors import CatalogImportError

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
