"""The same job as `mpg score` on one lm-eval v0.4 results file, in plain numpy:
Beta(1 + s, 1 + n - s) draws per leaf, equal-weight tree, mean / sd / 95% interval per node, JSON out.
The tree is the one in suite.yml (three groups of the MPG paper)."""
import json
import sys

import numpy as np

TREE = {
    "factual-recall": [("mmlu", "acc,none"), ("sciq", "acc,none"), ("arc_easy", "acc,none")],
    "problem-solving": [("arc_challenge", "acc,none"), ("hellaswag", "acc_norm,none"), ("piqa", "acc,none"), ("winogrande", "acc,none")],
    "linguistic-social": [("lambada_openai", "acc,none"), ("rte", "acc,none"), ("sst2", "acc,none")],
}
SAMPLES = 20000


def leaf_count(doc, task):
    subtasks = doc.get("group_subtasks", {}).get(task)
    if subtasks:
        return sum(leaf_count(doc, t) for t in subtasks)
    return doc["n-samples"][task]["effective"]


def summary(draws):
    lo, hi = np.quantile(draws, [0.025, 0.975])
    return {"mean": float(draws.mean()), "sd": float(draws.std(ddof=1)), "lower": float(lo), "upper": float(hi)}


def main(path):
    with open(path) as f:
        doc = json.load(f)
    rng = np.random.default_rng(1)
    nodes = {}
    groups = []
    for group, leaves in TREE.items():
        draws = []
        for task, metric in leaves:
            n = leaf_count(doc, task)
            s = doc["results"][task][metric] * n
            d = rng.beta(1 + s, 1 + n - s, SAMPLES)
            nodes[task] = summary(d) | {"n": n, "successes": s}
            draws.append(d)
        g = np.mean(draws, axis=0)
        nodes[group] = summary(g)
        groups.append(g)
    nodes["goodness"] = summary(np.mean(groups, axis=0))
    json.dump({"model": doc.get("model_name"), "nodes": nodes}, sys.stdout, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])
