#!/usr/bin/env python3
"""Writes the bad-input corpus (tests/data/bad/<format>/...) and its table, cases.tsv.

Run from this folder: python3 make-corpus.py. Each case is one file; cases.tsv says how the CLI test runs it
(input: mpg score -i FILE; as:FORMAT: the same with the format named in a policy; policy: mpg score -p FILE
on a good run; baseline: mpg gate --baseline FILE on a good run), the exit code it must end in, and the line
the message must name where the fault has one ("-" where it has none).
"""
import io, json, os, shutil, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
cases = []

def case(rel, data, kind, exit_code, line, what):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    cases.append((rel, kind, str(exit_code), str(line) if line else "-", what))

def j(obj):
    return json.dumps(obj, indent=1)

# ---------------------------------------------------------------------------------------------- lm-eval results
def results(task_entry=None, n=200, extra=None, drop=()):
    doc = {
        "results": {"arc_easy": task_entry if task_entry is not None else {"alias": "arc_easy", "acc,none": 0.8, "acc_stderr,none": 0.028}},
        "n-samples": {"arc_easy": {"original": 200, "effective": n}},
        "config": {"model_args": "pretrained=org/model"},
        "versions": {"arc_easy": 1},
    }
    for k in drop:
        doc.pop(k, None)
    if extra:
        doc.update(extra)
    return doc

good = j(results())
R = "lm-eval-results/"
case(R + "results_truncated.json", good[: len(good) // 2], "input", 3, "-", "truncated in the middle")
case(R + "results_empty.json", "", "as:lm-eval", 3, "-", "empty file")
case(R + "results_whitespace.json", "  \n\n \t\n", "as:lm-eval", 3, "-", "only whitespace")
case(R + "results_not-object.json", "[1, 2, 3]", "as:lm-eval", 3, "-", "a JSON array, not an object")
case(R + "results_results-string.json", j(results(extra={"results": "arc_easy"})), "input", 3, "-", "results is a string")
case(R + "results_acc-string.json", j(results({"alias": "arc_easy", "acc,none": "high"})), "input", 3, "-", "acc is a string")
case(R + "results_acc-above-one.json", j(results({"alias": "arc_easy", "acc,none": 1.7, "acc_stderr,none": 0.01})), "input", 3, "-", "acc 1.7")
case(R + "results_acc-negative.json", j(results({"alias": "arc_easy", "acc,none": -0.2, "acc_stderr,none": 0.01})), "input", 3, "-", "acc −0.2")
case(R + "results_acc-nan.json", good.replace("0.8,", "NaN,"), "input", 3, "-", "acc NaN (bare literal)")
case(R + "results_acc-infinity.json", good.replace("0.8,", "Infinity,"), "input", 3, "-", "acc Infinity")
case(R + "results_n-negative.json", j(results(n=-5)), "input", 3, "-", "effective n −5")
case(R + "results_n-fractional.json", j(results(n=12.5)), "input", 3, "-", "effective n 12.5")
case(R + "results_n-huge.json", good.replace('"effective": 200', '"effective": 1e400'), "input", 3, "-", "effective n 1e400 (overflows a double)")
case(R + "results_n-string.json", j(results(n="two hundred")), "input", 3, "-", "effective n a string")
case(R + "results_n-nan.json", good.replace('"effective": 200', '"effective": NaN'), "input", 3, "-", "effective n NaN")
case(R + "results_n-zero.json", j(results(n=0)), "input", 3, "-", "effective n 0: nothing to score")
case(R + "results_n-int-overflow.json", good.replace('"effective": 200', '"effective": 99999999999999999999999'), "input", 3, "-", "effective n beyond any integer")
case(R + "results_duplicate-task-key.json", good.replace('"results": {', '"results": {\n  "arc_easy": {"alias": "arc_easy", "acc,none": 0.1, "acc_stderr,none": 0.02},', 1), "input", 3, "-", "the same task twice in results")
case(R + "results_no-model.json", j(results(drop=("config",))), "input", 3, "-", "no model name anywhere")
case(R + "results_deep-nesting.json", '{"results": ' + "[" * 20000 + "]" * 20000 + "}", "as:lm-eval", 3, "-", "20,000 nested arrays")
case(R + "results_binary.json", bytes(range(256)) * 8, "as:lm-eval", 3, "-", "binary garbage")
case(R + "results_utf16.json", b"\xff\xfe" + good.encode("utf-16-le"), "input", 3, "-", "UTF-16 with a BOM")
case(R + "results_latin1.json", good.replace('"org/model"', '"org/mod\u00e8le"').replace("pretrained=org/model", "pretrained=org/mod\u00e8le").encode("latin-1"), "input", 3, "-", "Latin-1, not UTF-8")
case(R + "results_task-null.json", j(results(extra={"results": {"arc_easy": None}})), "input", 3, "-", "a task entry null")
case(R + "results_trailing-garbage.json", good + "\n}}} garbage", "input", 3, "-", "text after the document")
case(R + "results_bom-truncated.json", b"\xef\xbb\xbf" + good.encode()[:40], "input", 3, "-", "UTF-8 BOM then truncated")

# ---------------------------------------------------------------------------------------------- lm-eval samples
S = "lm-eval-samples/"
def sample(i, acc=1.0, **kw):
    d = {"doc_id": i, "doc": {"q": f"question {i}"}, "target": "1", "filter": "none", "acc": acc}
    d.update(kw)
    return json.dumps(d)
ts = "_2025-01-01T00-00-00.jsonl"
lines = [sample(i, float(i % 2)) for i in range(40)]
case(S + "samples_truncatedline" + ts, "\n".join(lines[:5]) + "\n" + lines[5][: len(lines[5]) // 2] + "\n" + "\n".join(lines[6:]) + "\n", "input", 3, 6, "line 6 cut in half")
case(S + "samples_nodocid" + ts, "\n".join(lines[:3] + [json.dumps({"doc": {}, "acc": 1})] + lines[3:]) + "\n", "input", 3, 4, "line 4 without doc_id")
case(S + "samples_docidstring" + ts, "\n".join(lines[:2] + [json.dumps({"doc_id": {"x": 1}, "acc": 1})]) + "\n", "input", 3, 3, "doc_id an object")
case(S + "samples_accstring" + ts, "\n".join(lines[:7] + [sample(7, "yes")]) + "\n", "input", 3, 8, "acc a string on line 8")
case(S + "samples_accnan" + ts, "\n".join(lines[:2] + ['{"doc_id": 2, "filter": "none", "acc": NaN}']) + "\n", "input", 3, 3, "acc NaN on line 3")
case(S + "samples_accabove" + ts, "\n".join(lines[:2] + [sample(2, 3.0)]) + "\n", "input", 3, 3, "acc 3.0")
case(S + "samples_notobject" + ts, "\n".join(lines[:4] + ["[1, 2]"]) + "\n", "input", 3, 5, "line 5 an array")
case(S + "samples_binary" + ts, "\n".join(lines[:3]).encode() + b"\n\x00\x01\x02\xff\xfe garbage\n", "input", 3, 4, "binary on line 4")
case(S + "samples_empty" + ts, "", "as:lm-eval", 3, "-", "empty samples file")
case(S + "samples_blanklines" + ts, "\n\n\n\n", "as:lm-eval", 3, "-", "only blank lines")
case(S + "samples_deepnesting" + ts, '{"doc_id": 0, "acc": 1, "doc": ' + "[" * 50000 + "]" * 50000 + "}\n", "input", 3, 1, "50,000 nested arrays in doc")
case(S + "samples_accmissing" + ts, "\n".join(json.dumps({"doc_id": i, "filter": "none", "target": "x"}) for i in range(10)) + "\n", "input", 3, "-", "no metric on any line")
case(S + "samples_docidnegativefraction" + ts, "\n".join(lines[:2] + [sample(2.5)]) + "\n", "input", 3, 3, "doc_id 2.5")

# ---------------------------------------------------------------------------------------------- Inspect
I = "inspect/"
def inspect_log(samples=None, **over):
    log = {
        "version": 2, "status": "success",
        "eval": {"task": "popularity", "model": "openai/gpt-4o", "dataset": {"samples": 3}, "config": {}},
        "results": {"total_samples": 3, "completed_samples": 3, "scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 0.66}}}]},
        "samples": samples if samples is not None else [{"id": i, "epoch": 1, "scores": {"match": {"value": "C" if i != 2 else "I"}}} for i in range(1, 4)],
    }
    log.update(over)
    return log
good_inspect = j(inspect_log())
case(I + "truncated.json", good_inspect[: len(good_inspect) * 2 // 3], "input", 3, "-", "log cut at two thirds")
case(I + "score-value-object.json", j(inspect_log([{"id": 1, "epoch": 1, "scores": {"match": {"value": [1, 2]}}}])), "input", 3, "-", "a score value that is a list")
case(I + "score-grade-unknown.json", j(inspect_log([{"id": 1, "epoch": 1, "scores": {"match": {"value": "Q"}}}])), "input", 3, "-", "a grade that is not C/I/P/N")
case(I + "score-above-one.json", j(inspect_log([{"id": 1, "epoch": 1, "scores": {"match": {"value": 7}}}])), "input", 3, "-", "a numeric score 7")
case(I + "score-nan.json", good_inspect.replace('"value": "C"', '"value": NaN', 1), "input", 3, "-", "a score NaN")
case(I + "samples-not-array.json", j(inspect_log("none")), "input", 3, "-", "samples a string")
case(I + "no-samples-no-results.json", j({"version": 2, "status": "success", "eval": {"task": "t", "model": "m"}}), "input", 3, "-", "no samples and no results")
case(I + "eval-not-object.json", j(inspect_log(eval="popularity")), "input", 3, "-", "eval a string")
case(I + "completed-negative.json", j(inspect_log([], results={"total_samples": 3, "completed_samples": -3, "scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 0.5}}}]})), "input", 3, "-", "completed_samples −3, no samples")
case(I + "completed-fractional.json", j(inspect_log([], results={"total_samples": 3, "completed_samples": 2.5, "scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 0.5}}}]})), "input", 3, "-", "completed_samples 2.5, no samples")
case(I + "accuracy-infinity.json", j(inspect_log([], results={"total_samples": 3, "completed_samples": 3, "scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 2}}}]})).replace('"value": 2', '"value": Infinity'), "input", 3, "-", "results accuracy Infinity, no samples")
case(I + "model-number.json", j(inspect_log(eval={"task": "popularity", "model": 42})), "input", 3, "-", "the model a number")

def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()
good_zip = zip_bytes([("header.json", j({k: v for k, v in inspect_log().items() if k != "samples"})),
                      ("samples/1_epoch_1.json", json.dumps({"id": 1, "epoch": 1, "scores": {"match": {"value": "C"}}}))])
case(I + "truncated.eval", good_zip[: len(good_zip) // 2], "as:inspect", 3, "-", "a .eval zip cut in half")
case(I + "header-garbage.eval", zip_bytes([("header.json", "{ not json"), ("samples/1_epoch_1.json", "{}")]), "input", 3, "-", "header.json not JSON")
case(I + "sample-garbage.eval", zip_bytes([("header.json", j({k: v for k, v in inspect_log().items() if k != "samples"})), ("samples/1_epoch_1.json", b"\x00\xff\x00")]), "input", 3, "-", "a sample entry of binary")
case(I + "no-header.eval", zip_bytes([("readme.txt", "hello")]), "as:inspect", 3, "-", "a zip without header.json")
case(I + "zip-empty.eval", zip_bytes([]), "as:inspect", 3, "-", "an empty zip")

# ---------------------------------------------------------------------------------------------- promptfoo
P = "promptfoo/"
def pf(results_list=None, **over):
    doc = {"evalId": "eval-1", "results": {"version": 3, "timestamp": "2026-01-01T00:00:00Z",
           "prompts": [{"raw": "q", "label": "q", "provider": "openai:gpt-4o-mini"}],
           "results": results_list if results_list is not None else [
               {"success": i % 2 == 0, "score": float(i % 2 == 0), "testIdx": i, "promptIdx": 0, "vars": {"x": i},
                "provider": {"id": "openai:gpt-4o-mini", "label": ""}, "latencyMs": 100} for i in range(5)]}}
    doc.update(over)
    return doc
good_pf = j(pf())
case(P + "truncated.json", good_pf[: len(good_pf) // 2], "input", 3, "-", "cut in half")
case(P + "results-not-array.json", j(pf(results_list={"a": 1})), "input", 3, "-", "results.results an object")
case(P + "success-string.json", j(pf([{"success": "maybe", "testIdx": 0, "vars": {}, "provider": {"id": "p"}}])), "input", 3, "-", "success a string")
case(P + "score-nan.json", good_pf.replace('"score": 1.0', '"score": NaN', 1), "input", 0, "-", "a graded score NaN: accuracy from success, no 'score' metric (accepted)")
case(P + "testidx-negative.json", j(pf([{"success": True, "score": 1, "testIdx": -1, "vars": {}, "provider": {"id": "p"}}])), "input", 3, "-", "testIdx −1")
case(P + "testidx-fraction.json", j(pf([{"success": True, "score": 1, "testIdx": 0.5, "vars": {}, "provider": {"id": "p"}}])), "input", 3, "-", "testIdx 0.5")
case(P + "empty-results.json", j(pf([])), "input", 3, "-", "no results at all")
case(P + "provider-number.json", j(pf([{"success": True, "score": 1, "testIdx": 0, "vars": {}, "provider": 5}])), "input", 3, "-", "provider a number")
case(P + "latency-string.json", j(pf([{"success": True, "score": 1, "testIdx": 0, "vars": {}, "provider": {"id": "p"}, "latencyMs": "fast"}])), "input", 3, "-", "latencyMs a string")

# ---------------------------------------------------------------------------------------------- MEAI
M = "meai/"
def meai(metrics, **over):
    doc = {"scenarioName": "qa", "iterationName": "1", "executionName": "20260101T000000", "creationTime": "2026-01-01T00:00:00Z",
           "messages": [], "modelResponse": {"messages": [], "modelId": "gpt-4o-mini"},
           "evaluationResult": {"metrics": metrics}, "formatVersion": 1}
    doc.update(over)
    return doc
good_meai = j(meai({"Grounded": {"$type": "boolean", "name": "Grounded", "value": True}}))
case(M + "truncated.json", good_meai[: len(good_meai) // 2], "input", 3, "-", "cut in half")
case(M + "metric-no-value.json", j(meai({"Coherence": {"$type": "numeric", "name": "Coherence"}})), "input", 3, "-", "a metric the evaluator could not score")
case(M + "metric-out-of-range.json", j(meai({"Coherence": {"$type": "numeric", "name": "Coherence", "value": 4}})), "input", 3, "-", "4 without an interpretation")
case(M + "metric-nan.json", j(meai({"Coherence": {"$type": "numeric", "name": "Coherence", "value": 0.5}})).replace("0.5", "NaN"), "input", 3, "-", "a value NaN")
case(M + "metric-string-value.json", j(meai({"Grounded": {"$type": "boolean", "name": "Grounded", "value": "yes"}})), "input", 3, "-", "a boolean metric holding a string")
case(M + "metrics-array.json", j(meai([1, 2])), "input", 3, "-", "metrics an array")
case(M + "no-iteration.json", j({k: v for k, v in meai({"Grounded": {"$type": "boolean", "value": True}}).items() if k != "iterationName"}), "input", 3, "-", "no iterationName")
case(M + "type-none.json", j(meai({"Grounded": {"$type": "none", "name": "Grounded"}})), "input", 3, "-", "a metric of type none")
case(M + "metrics-empty.json", j(meai({})), "input", 3, "-", "no metrics")

# ---------------------------------------------------------------------------------------------- CSV
C = "csv/"
case(C + "score-text.csv", "model,benchmark,item,score\nm,b,1,1\nm,b,2,high\n", "input", 3, 3, "score 'high' on line 3")
case(C + "score-above-one.csv", "model,benchmark,item,score\nm,b,1,1\nm,b,2,1.5\n", "input", 3, 3, "score 1.5")
case(C + "score-nan.csv", "model,benchmark,item,score\nm,b,1,NaN\n", "input", 3, 2, "score NaN")
case(C + "score-infinity.csv", "model,benchmark,item,score\nm,b,1,1\nm,b,2,Infinity\n", "input", 3, 3, "score Infinity")
case(C + "n-negative.csv", "model,benchmark,n,successes\nm,b,-10,3\n", "input", 3, 2, "n −10")
case(C + "n-fractional.csv", "model,benchmark,n,successes\nm,b,10.5,3\n", "input", 3, 2, "n 10.5")
case(C + "successes-above-n.csv", "model,benchmark,n,successes\nm,b,10,11\n", "input", 3, 2, "11 successes of 10")
case(C + "successes-negative.csv", "model,benchmark,n,successes\nm,b,10,-1\n", "input", 3, 2, "−1 successes")
case(C + "n-huge.csv", "model,benchmark,n,successes\nm,b,1e400,3\n", "input", 3, 2, "n 1e400")
case(C + "n-nan.csv", "model,benchmark,n,successes\nm,b,NaN,3\n", "input", 3, 2, "n NaN")
case(C + "accuracy-above-one.csv", "model,benchmark,n,accuracy\nm,b,100,1.2\n", "input", 3, 2, "accuracy 1.2")
case(C + "unterminated-quote.csv", 'model,benchmark,item,score\nm,b,"1,1\nm,b,2,0\n', "input", 3, 2, "a quote never closed")
case(C + "ragged-row.csv", "model,benchmark,item,score\nm,b,1\n", "input", 3, 2, "a row short of columns")
case(C + "header-only.csv", "model,benchmark,item,score\n", "input", 3, "-", "a header and no rows")
case(C + "duplicate-column.csv", "model,benchmark,item,score,score\nm,b,1,1,0\n", "input", 3, 1, "the score column twice")
case(C + "no-benchmark.csv", "model,item,score\nm,1,1\n", "input", 3, "-", "no benchmark column and none in the policy")
case(C + "binary.csv", b"model,benchmark,item,score\n\x00\x00\xff\xfe\x01,\x02\n", "input", 3, "-", "binary garbage in a row")
case(C + "utf16.csv", b"\xff\xfe" + "model,benchmark,item,score\nm,b,1,1\n".encode("utf-16-le"), "as:csv", 0, "-", "UTF-16 with a BOM: decoded by its BOM and read (accepted)")
case(C + "duplicate-benchmark-row.csv", "model,benchmark,n,successes\nm,b,10,3\nm,b,10,4\n", "input", 3, 3, "the same benchmark twice")
case(C + "n-zero.csv", "model,benchmark,n,successes\nm,b,0,0\n", "input", 3, "-", "a benchmark of 0 items")
case(C + "empty-item-id.csv", "model,benchmark,item,score\nm,b,,1\n", "input", 3, 2, "an empty item id")

# ---------------------------------------------------------------------------------------------- JSONL
L = "jsonl/"
case(L + "truncated-line.jsonl", '{"benchmark": "b", "item": "1", "score": 1}\n{"benchmark": "b", "item": "2", "sc\n', "input", 3, 2, "line 2 cut")
case(L + "score-string.jsonl", '{"benchmark": "b", "item": "1", "score": 1}\n{"benchmark": "b", "item": "2", "score": "high"}\n', "input", 3, 2, "score 'high'")
case(L + "score-nan.jsonl", '{"benchmark": "b", "item": "1", "score": 1}\n{"benchmark": "b", "item": "2", "score": NaN}\n', "input", 3, 2, "score NaN")
case(L + "score-object.jsonl", '{"benchmark": "b", "item": "1", "score": {"v": 1}}\n', "input", 3, 1, "score an object")
case(L + "n-negative.jsonl", '{"benchmark": "b", "n": -4, "successes": 1}\n', "input", 3, 1, "n −4")
case(L + "successes-above-n.jsonl", '{"benchmark": "b", "n": 4, "successes": 5}\n', "input", 3, 1, "5 successes of 4")
case(L + "n-fractional.jsonl", '{"benchmark": "b", "n": 4.5, "successes": 1}\n', "input", 3, 1, "n 4.5")
case(L + "n-huge.jsonl", '{"benchmark": "b", "n": 1e999, "successes": 1}\n', "input", 3, 1, "n 1e999")
case(L + "not-object-line.jsonl", '{"benchmark": "b", "item": "1", "score": 1}\n[1, 2]\n', "input", 3, 2, "an array line")
case(L + "duplicate-keys.jsonl", '{"benchmark": "b", "item": "1", "score": 1, "score": 0}\n', "input", 3, 1, "score twice in one object")
case(L + "deep-nesting.jsonl", '{"benchmark": "b", "item": "1", "score": 1, "x": ' + "[" * 50000 + "]" * 50000 + "}\n", "input", 3, "-", "50,000 nested arrays")
case(L + "binary-line.jsonl", b'{"benchmark": "b", "item": "1", "score": 1}\n\x00\x01\xff\xfe\n', "input", 3, "-", "binary garbage on line 2 (not UTF-8)")
case(L + "item-null.jsonl", '{"benchmark": "b", "item": null, "score": 1}\n', "input", 3, 1, "item null")

# Too big to keep in git: BadInputCorpus.Generated writes these two into the test's own folder when it runs them
# (sparse files: a hole of zeros, no line break in it, so no disk is used). The table readers stop at 256 MiB of one line.
cases.append(("csv/line-257mib.csv", "input", "3", "3", "line 3 runs on for 257 MiB (written by the test)"))
cases.append(("jsonl/line-257mib.jsonl", "input", "3", "2", "line 2 runs on for 257 MiB (written by the test)"))

# ---------------------------------------------------------------------------------------------- policies
Y = "policy/"
case(Y + "truncated.yml", "version: 1\nname: t\ngoodness:\n  - { benchmark: arc_easy, metric: ac", "policy", 2, "-", "cut inside a flow mapping")
case(Y + "empty.yml", "", "policy", 2, "-", "an empty policy")
case(Y + "duplicate-key.yml", "version: 1\nname: a\nname: b\ngoodness:\n  - { benchmark: arc_easy }\n", "policy", 2, 3, "name twice")
case(Y + "samples-negative.yml", "version: 1\nsamples: -5\ngoodness:\n  - { benchmark: arc_easy }\n", "policy", 2, 2, "samples −5")
case(Y + "samples-huge.yml", "version: 1\nsamples: 99999999999999999999\ngoodness:\n  - { benchmark: arc_easy }\n", "policy", 2, 2, "samples beyond any integer")
case(Y + "samples-fractional.yml", "version: 1\nsamples: 100.5\ngoodness:\n  - { benchmark: arc_easy }\n", "policy", 2, 2, "samples 100.5")
case(Y + "margin-nan.yml", "version: 1\ngoodness:\n  - { benchmark: arc_easy }\ngate:\n  margin: .nan\n", "policy", 2, 5, "margin .nan")
case(Y + "confidence-infinity.yml", "version: 1\ngoodness:\n  - { benchmark: arc_easy }\ngate:\n  confidence: .inf\n", "policy", 2, 5, "confidence .inf")
case(Y + "weight-negative.yml", "version: 1\ngoodness:\n  - { benchmark: arc_easy, weight: -1 }\n", "policy", 2, 3, "weight −1")
case(Y + "billion-laughs.yml", "version: 1\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]\n" for i in range(1, 10)) + "goodness:\n  - { benchmark: arc_easy }\n", "policy", 2, "-", "anchors and aliases nine deep (billion laughs)")
lol = "[&a0 [l, l, l, l, l, l, l, l, l]," + ",".join(f"&a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)) + "]"
case(Y + "billion-laughs-in-a-key.yml", "version: 1\ngate:\n  fixed: " + lol + "\ngoodness:\n  - { benchmark: arc_easy }\n", "policy", 2, 3, "a billion laughs where a list of settings is due")
case(Y + "alias-cycle.yml", "version: 1\ngoodness: &g\n  - { name: x, children: *g }\n", "policy", 2, "-", "an alias to its own tree")
case(Y + "unknown-benchmark.yml", "version: 1\ngoodness:\n  - { benchmark: arc_eazy }\n", "policy", 2, 3, "a benchmark not in the inputs")
case(Y + "version-2.yml", "version: 2\ngoodness:\n  - { benchmark: arc_easy }\n", "policy", 2, 1, "a policy version this mpg does not know")
case(Y + "binary.yml", bytes(range(256)), "policy", 2, "-", "binary garbage")
case(Y + "utf16.yml", b"\xff\xfe" + "version: 1\ngoodness:\n  - { benchmark: arc_eazy }\n".encode("utf-16-le"), "policy", 2, "-", "UTF-16 with a BOM (and a typo)")
case(Y + "deep-nesting.yml", "version: 1\ngoodness: " + "[" * 5000 + "]" * 5000 + "\n", "policy", 2, "-", "5,000 nested flow sequences")
case(Y + "duplicate-node.yml", "version: 1\ngoodness:\n  - { benchmark: arc_easy }\n  - { benchmark: arc_easy }\n", "policy", 2, 4, "the same leaf twice")
case(Y + "tab-indent.yml", "version: 1\ngoodness:\n\t- { benchmark: arc_easy }\n", "policy", 2, "-", "a tab as indentation")
case(Y + "rule-unknown-node.yml", "version: 1\ngoodness:\n  - { benchmark: arc_easy }\ngate:\n  rules:\n    - { node: nowhere }\n", "policy", 2, 6, "a rule on a node that does not exist")
case(Y + "wrong-type-goodness.yml", "version: 1\ngoodness: 5\n", "policy", 2, 2, "goodness a number")

# ---------------------------------------------------------------------------------------------- baselines (scorecards)
B = "baseline/"
case(B + "truncated.json", '{"schema": "mpg.scorecard/1", "model": "m", "nodes": [{"id": "goodness"', "baseline", 3, "-", "cut inside nodes")
case(B + "newer-schema.json", j({"schema": "mpg.scorecard/9", "model": "m", "nodes": []}), "baseline", 3, "-", "a scorecard schema from a newer mpg")
case(B + "not-a-scorecard.json", j({"results": {}}), "baseline", 3, "-", "an lm-eval file given as the baseline")
case(B + "empty.json", "", "baseline", 3, "-", "an empty baseline")
case(B + "nodes-string.json", j({"schema": "mpg.scorecard/1", "model": "m", "nodes": "all"}), "baseline", 3, "-", "nodes a string")
case(B + "binary.json", bytes(range(256)), "baseline", 3, "-", "binary garbage")

# Written by `mpg score -p tests/data/cli/asdiv.yml -i tests/data/lm-eval/with-samples/asdiv__Meta-Llama-3-8B-Instruct`, kept as is.
cases.append(("baseline/other-policy.json", "baseline", "3", "-", "the scorecard of another gate (asdiv): no benchmark of this tree"))

with open(os.path.join(HERE, "cases.tsv"), "w") as f:
    f.write("file\tkind\texit\tline\twhat\n")
    for c in cases:
        f.write("\t".join(c) + "\n")
print(len(cases), "cases")
