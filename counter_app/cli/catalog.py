"""`counter-app catalog import|show|search`: the procedure catalog."""

from __future__ import annotations

import argparse
import json

from counter_app.i18n import tr

from .common import open_db


def cmd_catalog(args: argparse.Namespace) -> int:
    from counter_app.services import catalog

    # An import into an empty database brings its own catalog: don't load the bundled one first.
    db = open_db(args, bundled_catalog=args.catalog_command != "import")
    if args.catalog_command == "import":
        summary = catalog.import_file(db, args.file)
        print(tr("Đã nạp {total} thủ tục: {created} mới, {updated} cập nhật, "
              "{unchanged} không đổi.").format(total=summary.total, created=summary.created, updated=summary.updated, unchanged=summary.unchanged))
        return 0
    if args.catalog_command == "show":
        detail = catalog.procedure_detail(db, code=args.code.strip())
        record = catalog.detail_json(detail)
        if args.json:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            print(f"{detail.code}\t{detail.name}")
            for i, case in enumerate(detail.cases, start=1):
                print(tr("  {i}. {name}: {processing_text}; phí, lệ phí: {fee_text}").format(i=i, name=case.name, processing_text=case.processing_text, fee_text=case.fee_text))
                for doc in case.documents:
                    print(f"     - {doc.name}")
        return 0
    for hit in catalog.search_procedures(db, " ".join(args.text), limit=args.limit):
        print(f"{hit.code}\t{hit.name}")
    return 0
