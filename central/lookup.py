"""The public lookup page ``/tra-cuu/<code>``: where the QR code on the receipt points.

Codes are sequential, so anyone can walk them: the page shows only what the holder of the slip
needs — status, the appointment, where to collect the result — and nothing that says who
applied or for what. The procedure and the masked name (initials can identify someone in a small
commune) appear only where the operator turns them on (``CENTRAL_LOOKUP_DETAILS=1``); no ID
number, phone or address is ever printed. The page is rate-limited per client (``central.app``).
"""

from __future__ import annotations

from html import escape

from counter_app.domain.due_state import is_paused
from counter_app.domain.lifecycle import DossierStatus, label

from .models import Dossier

# Vietnamese initial consonant clusters, longest first: the mask keeps the whole cluster.
_ONSETS = ("ngh", "ng", "nh", "ph", "th", "tr", "ch", "gi", "gh", "kh", "qu")


def _initial(word: str) -> str:
    lower = word.lower()
    for onset in _ONSETS:
        if lower.startswith(onset) and len(word) > len(onset):
            return word[:len(onset)]
    return word[:1]


def mask_name(name: str) -> str:
    """'Trần Văn Đức' → 'Tr*** V** Đ**': initials only, fixed-length stars hide the lengths."""
    words = name.split()
    return " ".join(_initial(w) + ("***" if i == 0 else "**") for i, w in enumerate(words))


def _fmt(value) -> str:  # noqa: ANN001
    return value.strftime("%H:%M ngày %d/%m/%Y") if value else "—"


_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}}
th{{text-align:left;padding:.3em 1em .3em 0;vertical-align:top}}td{{padding:.3em 0}}
.ready{{color:#0a6b2d;font-weight:bold}}.wait{{color:#8a5a00}}</style></head>
<body><h1>Tra cứu hồ sơ thủ tục hành chính</h1>{body}</body></html>"""


def _collect_at(dossier: Dossier, unit_name: str) -> str:
    if dossier.delivery_method == "post":
        return "Gửi qua dịch vụ bưu chính đến địa chỉ đã đăng ký"
    where = f" — {unit_name}" if unit_name else ""
    return f"Bộ phận tiếp nhận và trả kết quả{where}"


def page(dossier: Dossier, *, unit_name: str = "", details: bool = False, result_file: bool = False) -> str:
    """``result_file``: the result was digitised (issue #13); the page says so, the file itself is never served here."""
    ready = dossier.status == DossierStatus.RESULT_READY
    if dossier.status == DossierStatus.RETURNED:
        result = f'<span class="ready">Đã trả kết quả {_fmt(dossier.returned_at)}</span>'
    elif ready:
        result = ('<span class="ready">Đã có kết quả — mời ông/bà mang giấy tiếp nhận đến Bộ phận tiếp nhận '
                  'và trả kết quả để nhận.</span>')
    else:
        result = '<span class="wait">Chưa có kết quả</span>'
    if is_paused(dossier.status, dossier.due_at):
        waiting_supplement = dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
        due = "Tạm dừng tính thời gian (chờ bổ sung hồ sơ)" if waiting_supplement else "Đang cập nhật"
    else:
        due = _fmt(dossier.due_at)
    rows = [("Mã hồ sơ", escape(dossier.code))]
    if details:
        rows += [("Thủ tục", escape(dossier.procedure_name or dossier.procedure_code)),
                 ("Chủ hồ sơ", escape(mask_name(dossier.applicant_name)))]
    rows += [
        ("Trạng thái", escape(label(dossier.status))),
        ("Ngày hẹn trả kết quả", escape(due)),
        ("Nơi nhận kết quả", escape(_collect_at(dossier, unit_name))),
        ("Kết quả", result),
    ]
    if result_file:
        rows.append(("Bản điện tử", "Kết quả đã được số hóa (bản điện tử do cơ quan giải quyết lưu giữ)."))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return _PAGE.format(title=f"Hồ sơ {escape(dossier.code)}", body=f"<table>{table}</table>")


def not_found_page(code: str) -> str:
    body = (f"<p>Không tìm thấy hồ sơ có mã <b>{escape(code)}</b>. Hãy kiểm tra lại mã trên giấy tiếp nhận; "
            "hồ sơ vừa nộp có thể cần ít phút để xuất hiện.</p>")
    return _PAGE.format(title="Không tìm thấy hồ sơ", body=body)


def too_many_page(retry_after: int) -> str:
    body = (f"<p>Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Hãy thử lại sau {retry_after} giây.</p>")
    return _PAGE.format(title="Tra cứu quá nhiều lần", body=body)
