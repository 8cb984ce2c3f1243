#!/usr/bin/env python3
"""ObsScaling's wide table -> the two CSVs `mpg rank` reads (rerun after changing the source table):

  leaderboard.csv  model, benchmark, n, accuracy   (one row per model and benchmark it has; empty cells are left out)
  arena.csv        model, score                    (the Arena-Elo column, for --reference; rows without one are left out)

n is each benchmark's item count (test split) as the issue gives them.
"""
import csv

ITEMS = {"MMLU": 14042, "ARC-C": 1172, "HellaSwag": 10042, "Winogrande": 1267, "TruthfulQA": 817, "GSM8K": 1319, "HumanEval": 164}
NAMES = {"MMLU": "mmlu", "ARC-C": "arc_challenge", "HellaSwag": "hellaswag", "Winogrande": "winogrande", "TruthfulQA": "truthfulqa", "GSM8K": "gsm8k", "HumanEval": "humaneval"}

with open("instruct_llm_benchmark_eval.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open("leaderboard.csv", "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["model", "benchmark", "n", "accuracy"])
    for row in rows:
        for column, n in ITEMS.items():
            if row[column].strip():
                out.writerow([row["Model"], NAMES[column], n, row[column]])
with open("arena.csv", "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["model", "score"])
    for row in rows:
        if row["Arena-Elo"].strip():
            out.writerow([row["Model"], row["Arena-Elo"]])
