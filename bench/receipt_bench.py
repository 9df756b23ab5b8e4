"""Receipt slip (form 01 with barcode and QR) vs a minimal one-page ReportLab document."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.pdfgen import canvas

from bench.timing import measure
from counter_app.printing import AgencyInfo, ApplicantInfo, DocumentLine, ReceiptData, render_receipt

AGENCY = AgencyInfo("ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN THÀNH",
                    "000.00.01.H12", "Cà Mau", "https://dichvucong.camau.gov.vn/tra-cuu/{code}")


def _receipt(n: int) -> ReceiptData:
    return ReceiptData(
        agency=AGENCY, dossier_code=f"000.00.01.H12-261125-{1001 + n % 999}",
        place_date="Cà Mau, ngày 25 tháng 11 năm 2026",
        applicant=ApplicantInfo("Nguyễn Thị Ánh Tuyết", "096185001234", "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau",
                                "0912345678"),
        procedure_name="Thủ tục đăng ký khai sinh", procedure_code="1.001193",
        documents=(DocumentLine(1, "Tờ khai đăng ký khai sinh", 1), DocumentLine(2, "Giấy chứng sinh", 1),
                   DocumentLine(3, "Giấy chứng nhận kết hôn của cha, mẹ", 0, 1)),
        sets=1, processing_time_text="01 ngày làm việc", received_at=datetime(2026, 11, 25, 9, 15),
        due_at=datetime(2026, 11, 26, 9, 15), delivery_method="Tại Bộ phận Một cửa", book_volume="2026",
        book_number=str(n), officer_name="Nguyễn Thị Minh Thư")


def _minimal() -> None:
    c = canvas.Canvas(io.BytesIO())
    c.drawString(100, 750, "Hello")
    c.showPage()
    c.save()


def run(runs: int = 50) -> dict:
    counter = iter(range(10**9))
    receipt = measure(lambda: render_receipt(_receipt(next(counter)), io.BytesIO()), runs)
    baseline = measure(_minimal, runs)
    return {"receipt": receipt, "baseline_minimal_reportlab": baseline,
            "ratio_median": round(receipt["median_ms"] / baseline["median_ms"], 1)}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
