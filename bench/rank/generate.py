#!/usr/bin/env python3
"""Writes a per-benchmark CSV leaderboard for `mpg rank`: MODELS models x BENCHMARKS benchmarks.

Each model has a latent skill; each benchmark a difficulty and an item count (200 to 5,000); a model's
successes on a benchmark are binomial around the logistic of skill minus difficulty. Seeded: the same
arguments give the same file.  Usage: generate.py MODELS BENCHMARKS OUT.csv [SEED]
"""
import math
import random
import sys

models, benchmarks, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
skill = [rng.gauss(0, 1) for _ in range(models)]
difficulty = [rng.gauss(0, 1) for _ in range(benchmarks)]
items = [rng.randint(200, 5000) for _ in range(benchmarks)]
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("model,benchmark,n,successes\n")
    for m in range(models):
        for b in range(benchmarks):
            p = 1 / (1 + math.exp(-(skill[m] - difficulty[b])))
            n = items[b]
            # Normal approximation to the binomial, clipped: fast in plain Python, and exact counts are not the point here.
            s = round(n * p + rng.gauss(0, 1) * math.sqrt(n * p * (1 - p)))
            f.write(f"model-{m:04d},bench-{b:03d},{n},{min(n, max(0, s))}\n")
