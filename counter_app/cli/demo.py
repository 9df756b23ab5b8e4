"""`counter-app demo-data`: synthetic dossiers for demos and benchmarks."""

from __future__ import annotations

import argparse
import sys

from counter_app.i18n import tr

from .common import open_db


def cmd_demo(args: argparse.Namespace) -> int:
    from counter_app.services import demo

    db = open_db(args)
    summary = demo.generate(db, args.dossiers, days=args.days, seed=args.seed,
                            progress=lambda n: print(tr("… {n} hồ sơ").format(n=n), file=sys.stderr))
    print(tr("Đã tạo {dossiers} hồ sơ mẫu của {applicants} người nộp, "
          "từ {first_day:%d/%m/%Y} đến {last_day:%d/%m/%Y}.").format(dossiers=summary.dossiers, applicants=summary.applicants, first_day=summary.first_day, last_day=summary.last_day))
    return 0
