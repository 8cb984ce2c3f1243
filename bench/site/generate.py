"""Grows a history made by mpg to N records of its gate: copies of its last record (scorecard and verdict JSON as
mpg wrote them), one a day, main's sliding 0.01 points a record, every fifth one a pull request's."""
import json
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

path, total = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
cols = "gate, branch, commit_sha, pr, recorded_at, model, verdict, tool_version, goodness_mean, goodness_lower, goodness_upper, scorecard, verdict_document"
template = db.execute(f"SELECT {cols} FROM mpg_records ORDER BY id DESC LIMIT 1").fetchone()
have = db.execute("SELECT count(*) FROM mpg_records").fetchone()[0]
start = datetime(2026, 2, 1, 9, tzinfo=timezone.utc)
for i in range(total - have):
    pr = i // 5 + 1 if i % 5 == 4 else None
    shift = -0.0001 * i + (0.004 if pr else 0)
    card, verdict = json.loads(template[11]), json.loads(template[12])
    for node in card["nodes"]:
        for key in ("mean", "lower", "upper"):
            node[key] += shift
    for node in verdict["nodes"]:
        if "candidateMean" in node:
            node["candidateMean"] += shift
    g = card["nodes"][0]
    at = (start + timedelta(days=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    db.execute(
        f"INSERT INTO mpg_records ({cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (template[0], f"feature-{pr}" if pr else "main", f"{i:08x}{'c0ffee' * 5}", pr, at, template[5], template[6], template[7],
         g["mean"], g["lower"], g["upper"], json.dumps(card), json.dumps(verdict)),
    )
db.commit()
print(f"{db.execute('SELECT count(*) FROM mpg_records').fetchone()[0]} records in {path}")
