"""Catalog search per keystroke on the bundled catalog ×50 (about 2,500 procedures)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.timing import sample, summary
from counter_app.models.db import Database
from counter_app.services import catalog

QUERIES = ("dang ky khai sinh", "chung thuc ban sao", "1.0011", "ho kinh doanh", "xac nhan tinh trang hon nhan")


def build_catalog(db_path: Path, copies: int = 50) -> int:
    data = json.loads(catalog.BUNDLED_CATALOG.read_text(encoding="utf-8"))
    procedures = []
    for n in range(copies):
        for rec in data["procedures"]:
            rec = dict(rec)
            if n:  # distinct codes and names, same shape as the real records
                rec["MATTHC"] = f"{rec['MATTHC']}.{n}"
                rec["TENTTHC"] = f"{rec['TENTTHC']} (bản {n})"
            procedures.append(rec)
    path = db_path.with_suffix(".json")
    path.write_text(json.dumps({"procedures": procedures}, ensure_ascii=False), encoding="utf-8")
    db = Database(db_path)
    db.upgrade()
    catalog.import_file(db, path)
    db.dispose()
    return len(procedures)


def run(copies: int = 50) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "catalog.sqlite"
        count = build_catalog(db_path, copies)
        db = Database(db_path)
        samples: list[float] = []
        for query in QUERIES:
            for i in range(1, len(query) + 1):  # every prefix: one search per keystroke
                prefix = query[:i]

                def search(prefix: str = prefix) -> None:
                    with db.read() as session:
                        catalog.search(session, prefix, limit=200)

                samples += sample(search, runs=5, warmup=1)
        db.dispose()
    return {"procedures": count, "per_keystroke": summary(samples)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
