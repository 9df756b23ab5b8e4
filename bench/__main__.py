"""`make bench`: build the demo databases, run every benchmark, print one table, write results.json.

Usage: python -m bench [--sizes 100000,1000000] [--skip sync,startup] [--only central] [--rebuild]
       [--central-desks 50] [--central-workers 1,2] [--province [DESKS]] [--province-seconds 120]
Each measurement is taken against a baseline measured in the same run (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import host_stalls
from counter_app.models.db import current_revision, head_revision, make_engine

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results.json"


def demo_db(size: int, rebuild: bool, prefix: str = "demo") -> Path:
    """A desk database with ``size`` synthetic dossiers, built once by `counter-app demo-data` (niced:
    5,000,000 dossiers take a while on a shared machine) and kept under bench/data/."""
    path = DATA / f"{prefix}-{size}.sqlite"
    if path.exists() and not rebuild:
        engine = make_engine(path)
        fresh = current_revision(engine) == head_revision()
        engine.dispose()
        if fresh:
            return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    DATA.mkdir(parents=True, exist_ok=True)
    script = Path(sys.executable).with_name("counter-app")
    started = time.perf_counter()
    subprocess.run(["nice", "-n", "10", str(script), "demo-data", "--dossiers", str(size), "--db", str(path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"  demo-data --dossiers {size}: {time.perf_counter() - started:.1f} s", flush=True)
    return path


def _row(what: str, value: str, baseline: str, budget: str, ok: bool | None) -> tuple[str, ...]:
    return (what, value, baseline, budget, "—" if ok is None else ("đạt" if ok else "VƯỢT"))


BENCHMARKS = ("receipt", "due", "catalog", "scan", "dashboard", "startup", "sync", "central", "search", "province",
              "counters", "audit")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"«{text}» phải là một số nguyên dương")
    return value


def _positives(text: str) -> list[int]:
    """A comma-separated list of positive integers (``--sizes 100000,1000000``)."""
    values = [_positive(part.strip()) for part in text.split(",") if part.strip()]
    if not values:
        raise argparse.ArgumentTypeError(f"«{text}» phải là các số nguyên dương, cách nhau bằng dấu phẩy")
    return values


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:  # also refuses NaN
        raise argparse.ArgumentTypeError(f"«{text}» phải là một số giây lớn hơn 0")
    return value


def _names(text: str) -> set[str]:
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(names - set(BENCHMARKS))
    if unknown:
        raise argparse.ArgumentTypeError(f"không có phép đo «{', '.join(unknown)}»; các phép đo: {', '.join(BENCHMARKS)}")
    return names


def main(argv: list[str] | None = None) -> int:
    from counter_app.usage import UsageParser  # usage errors in Vietnamese

    parser = UsageParser(prog="python -m bench")
    parser.add_argument("--sizes", type=_positives, default=[100_000, 1_000_000])
    parser.add_argument("--skip", type=_names, default=set(), help="comma-separated: " + ",".join(BENCHMARKS))
    parser.add_argument("--audit-rows", type=_positive, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the demo databases")
    parser.add_argument("--only", type=_names, default=set(), help="comma-separated: run only these (names as for --skip)")
    parser.add_argument("--central-desks", type=_positive, default=50, help="desks of the central load benchmark")
    parser.add_argument("--central-workers", type=_positives, default=[2],
                        help="worker processes of the central load benchmark; '1,2' runs it once with each")
    parser.add_argument("--province", type=_positive, nargs="?", const=300, default=0, metavar="DESKS",
                        help="also run the province-day simulation with DESKS desks (default 300)")
    parser.add_argument("--province-seconds", type=_seconds, default=120.0, help="length of the simulated day")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    skip, only = set(args.skip), args.only
    if only:
        skip |= set(BENCHMARKS) - only
    if not args.province and "province" not in only:
        skip.add("province")
    sizes = args.sizes
    results: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                 "cpus": os.cpu_count(), "stalls": host_stalls()},
                     "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    rows: list[tuple[str, ...]] = []

    if "receipt" not in skip:
        from bench import receipt_bench

        r = results["receipt"] = receipt_bench.run()
        rows.append(_row("Giấy hẹn (mẫu 01) PDF, trung vị", f"{r['receipt']['median_ms']:.1f} ms",
                         f"{r['baseline_minimal_reportlab']['median_ms']:.2f} ms (×{r['ratio_median']})",
                         "≤ 50 ms", r["receipt"]["median_ms"] <= 50))
    if "due" not in skip:
        from bench import due_bench

        r = results["due"] = due_bench.run()
        rows.append(_row("Tính hạn trả", f"{r['per_second']:,}/s", "—", "≥ 50.000/s", r["per_second"] >= 50_000))
    if "catalog" not in skip:
        from bench import catalog_bench

        r = results["catalog"] = catalog_bench.run()
        p99 = r["per_keystroke"]["p99_ms"]
        rows.append(_row(f"Tìm thủ tục mỗi phím ({r['procedures']} TTHC), p99", f"{p99:.2f} ms", "—", "≤ 10 ms",
                         p99 <= 10))
    dbs = {size: demo_db(size, args.rebuild) for size in sizes} if {"scan", "dashboard"} - skip else {}
    for size, path in dbs.items():
        label = f"{size:,}".replace(",", ".")
        if "scan" not in skip:
            from bench import return_bench

            r = results[f"scan_{size}"] = return_bench.run(path)
            svc, ui, base = r["service"], r["enter_to_painted"], r["select"]
            # The ratio is judged on the median (the typical cost of the same work); the p99 ratio is
            # printed too, but on this host a 25 µs stall every ~3 ms lands in the p99 of any call
            # longer than ~30 µs and in none of a 12 µs one (docs/performance.md).
            rows.append(_row(f"Quét mã → dữ liệu ({label} hồ sơ), trung vị / p99",
                             f"{svc['median_ms']:.3f} / {svc['p99_ms']:.3f} ms",
                             f"{base['median_ms']:.3f} / {base['p99_ms']:.3f} ms "
                             f"(×{svc['ratio_median']} / ×{svc['ratio_p99']})", "≤ 3× (trung vị), p99 ≤ 2 ms",
                             svc["ratio_median"] <= 3 and svc["p99_ms"] <= 2))
            rows.append(_row(f"Quét mã → hiển thị ({label} hồ sơ), p99", f"{ui['p99_ms']:.2f} ms",
                             f"{base['p99_ms']:.3f} ms (×{ui['ratio_p99']})", "≤ 50 ms", ui["p99_ms"] <= 50))
        if "dashboard" not in skip:
            from bench import dashboard_bench

            r = results[f"dashboard_{size}"] = dashboard_bench.run(path)
            rows.append(_row(f"Làm mới bảng theo dõi ({label} hồ sơ), p99", f"{r['dashboard']['p99_ms']:.1f} ms",
                             f"{r['count']['p99_ms']:.1f} ms (×{r['dashboard']['ratio_p99']})", "≤ 150 ms",
                             r["dashboard"]["p99_ms"] <= 150))
    if "startup" not in skip:
        from bench import startup_bench

        r = results["startup"] = startup_bench.run()
        bare = f"{r['bare_seconds']:.3f} s"
        rows.append(_row("Khởi động đến cửa sổ chính (đăng nhập)", f"{r['shown_seconds']:.3f} s",
                         f"{bare} (×{r['shown_ratio']})", "≤ 2× cơ sở", r["shown_ratio"] <= 2))
        rows.append(_row("Khởi động: CSDL mở, đăng nhập được", f"{r['ready_seconds']:.3f} s", bare, "", None))
        rows.append(_row("Khởi động: đăng nhập xong, khu làm việc", f"{r['main_seconds']:.3f} s",
                         f"{bare} (×{r['main_ratio']})", "", None))
        rows.append(_row("Bộ nhớ sau đăng nhập (RSS đỉnh)", f"{r['app_rss_mb']:.0f} MB", f"{r['bare_rss_mb']:.0f} MB",
                         "≤ 250 MB", r["app_rss_mb"] <= 250))
    if "sync" not in skip:
        from bench import sync_bench

        r = results["sync"] = sync_bench.run()
        for backend in ("sqlite", "postgresql"):
            entry = r.get(backend, {})
            if "skipped" in entry:
                rows.append(_row(f"Đồng bộ 10.000 sự kiện ({backend})", "bỏ qua", entry["skipped"], "", None))
                continue
            for way, base in (("push", "executemany"), ("pull", "SELECT")):
                value = entry.get(f"{way}_events_per_s")
                baseline = entry.get(f"{way}_baseline_{'executemany' if way == 'push' else 'select'}_per_s")
                if value is not None:
                    rows.append(_row(f"Đồng bộ {way} ({backend})", f"{value:,.0f} sự kiện/s",
                                     f"{base} {baseline:,}/s (×{entry[f'{way}_ratio']})" if baseline else "—",
                                     "≥ 1.000/s", value >= 1000))

    if "search" not in skip:
        from bench import search_bench

        for size in sizes:
            label = f"{size:,}".replace(",", ".")
            r = results[f"search_{size}"] = search_bench.run(demo_db(size, args.rebuild, prefix="search"))
            for case, entry in r.items():
                if not isinstance(entry, dict) or "service" not in entry:
                    continue
                svc, page = entry["service"], entry["page_select"]
                forced = f"; chỉ theo tên {entry['name_driven_ms']} / chỉ theo bộ lọc {entry['dossiers_driven_ms']} ms"
                cold = entry.get("cold")
                rows.append(_row(f"Tìm «{case}» ({label} hồ sơ, Nguyễn {r['nguyen_share']:.0%}), trang đầu, "
                                 "trung vị / p99", f"{svc['median_ms']:.0f} / {svc['p99_ms']:.0f} ms"
                                 + (f" (nguội {cold['service']['median_ms']:.0f} ms)" if cold else ""),
                                 f"đọc trang {page['median_ms']:.1f} ms (×{entry['ratio_median']}){forced}",
                                 "p99 ≤ 300 ms", svc["p99_ms"] <= 300))
    if "central" not in skip:
        from bench import central_load

        for workers in args.central_workers:
            key = "central_load" if workers == 2 else f"central_load_{workers}_workers"
            r = results[key] = central_load.run(desks=args.central_desks, workers=workers)
            d, w = r["desks"], f"{workers} tiến trình"
            for phase, what in (("receipts", "tiếp nhận"), ("returns_touched", "trả hồ sơ đã qua xử lý")):
                e = r[phase]
                rows.append(_row(f"Đẩy lên trung tâm PostgreSQL ({w}), {d} quầy, {what}",
                                 f"{e['events_per_s']:,} sự kiện/s",
                                 f"executemany {e['baseline_executemany_per_s']:,}/s (×{e['ratio']})",
                                 "≥ 0,5× và ≥ 5.000/s", e["ratio"] >= 0.5 and e["events_per_s"] >= 5000))
                # Beside it, the same batches' transactions written by executemany at the same concurrency:
                # the database's own batch p99 (with every desk pushing at once it is bounded by the rate).
                rows.append(_row(f"  lô 200 sự kiện, p99 ({e['batch']['samples']} lô); kết nối mở thêm",
                                 f"{e['batch']['p99_ms']:,.0f} ms; {e['connections_opened']}",
                                 f"executemany p99 {e['baseline_batch']['p99_ms']:,.0f} ms", "< 1 s",
                                 e["batch"]["p99_ms"] < 1000))
            bo, base_bo = r["returns_touched"]["back_office_step"], r["returns_touched"]["baseline_back_office_step"]
            rows.append(_row(f"  bước xử lý hồ sơ (back office) khi đang tải, p99 ({bo['samples']} bước)",
                             f"{bo['p99_ms']:,.0f} ms", f"câu lệnh trực tiếp, p99 {base_bo['p99_ms']:,.0f} ms",
                             "< 200 ms", bo["p99_ms"] < 200))
            e = r["pull"]
            rows.append(_row(f"Kéo về từ trung tâm PostgreSQL ({w}), {d} quầy", f"{e['entries_per_s']:,} mục/s",
                             f"SELECT {e['baseline_select_per_s']:,}/s (×{e['ratio']})", "≥ 0,5×",
                             e["ratio"] >= 0.5))
            e = r["empty_poll"]
            rows.append(_row("Hỏi thay đổi khi không có gì mới: CPU trung tâm mỗi lần",
                             f"{e['central_cpu_ms_per_poll']:.2f} ms",
                             f"/livez {e['livez_cpu_ms_per_request']:.2f} ms; p99 {e['p99_ms']:.0f} ms", "—", None))
    if "province" not in skip:
        from bench import province_day

        r = results["province_day"] = province_day.run(desks=args.province or 300, day_seconds=args.province_seconds)
        b, day = r["burst_0730"], r["day"]
        rows.append(_row(f"Một ngày của tỉnh ({r['desks']} quầy): 07:30 hội tụ", f"{b['convergence_seconds']} s",
                         f"{b['pushed']:,} đẩy + {b['pulled']:,} kéo, {b['events_per_s']:,} sự kiện/s", "—", None))
        rows.append(_row("  trong ngày: đẩy / kéo / back office / tra cứu, p99",
                         f"{day['push']['p99_ms']:,.0f} / {day['pull']['p99_ms']:,.0f} / "
                         f"{day['back_office']['p99_ms']:,.0f} / {day['lookup']['p99_ms']:,.0f} ms",
                         f"{day['events_per_s']} sự kiện/s", "back office < 200 ms",
                         day["back_office"]["p99_ms"] < 200))
        rows.append(_row("  CPU / bộ nhớ của trung tâm", f"{day['central_cpu_share']:.2f} lõi, {r['central_pss_mb']:.0f} MB (PSS)",
                         "—", "—", None))
    if "counters" not in skip:
        from bench import counters_bench

        r = results["counters"] = counters_bench.run()
        for backend in ("sqlite", "postgresql"):
            entry = r.get(backend, {})
            if "skipped" in entry:
                rows.append(_row(f"/api/v1/counters ({backend})", "bỏ qua", entry["skipped"], "", None))
                continue
            rows.append(_row(f"/api/v1/counters, 300 quầy, 1.000.000 hồ sơ ({backend}), trung vị",
                             f"{entry['counters_ms']:,.0f} ms", f"count(*) {entry['count_ms']:,.0f} ms "
                             f"(×{entry['ratio']})", "≤ 10× count(*)", entry["ratio"] <= 10))

    if "audit" not in skip:
        from bench import audit_bench

        r = results["audit"] = audit_bench.run(args.audit_rows, args.rebuild)
        label = f"{r['rows']:,}".replace(",", ".")
        rows.append(_row(f"Kiểm tra nhật ký (audit verify, {label} dòng)", f"{r['verify_s']:.2f} s",
                         f"đọc bảng một lần {r['read_once_s']:.2f} s (×{r['ratio']})", "≤ 15× đọc bảng",
                         r["ratio"] <= 15))
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    widths = [max(len(r[i]) for r in rows + [("Phép đo", "Kết quả", "Cơ sở (cùng lần chạy)", "Ngân sách", "")])
              for i in range(5)]
    header = ("Phép đo", "Kết quả", "Cơ sở (cùng lần chạy)", "Ngân sách", "")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    machine = results["machine"]
    print(f"\nMáy: Python {machine['python']}, {machine['cpus']} CPU, {machine['platform']}; luồng bận bị dừng "
          f"> 20 µs {machine['stalls']['per_second']:.0f} lần/giây (trung vị {machine['stalls']['median_us']} µs)")
    print(f"Đã ghi {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
