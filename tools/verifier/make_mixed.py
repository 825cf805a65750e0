"""Writes 10,000 mixed answer pairs for `brevity verify`'s throughput (docs/PERFORMANCE.md):
40 % bundled-task completions (<think>…</think> \\boxed{N}, 60 % right), 60 % drawn from the
Math-Verify agreement cases (pathological ones left out). Run from the repository root:
    python3 tools/verifier/make_mixed.py > /tmp/mixed-10k.jsonl
"""
import json, random
random.seed(11)
cases = [json.loads(l) for l in open("core/src/test/resources/dev/brevity/verify/math-verify-cases.jsonl")]
cases = [c for c in cases if c["category"] != "pathological"]
for i in range(10000):
    if random.random() < 0.4:
        a = random.randint(-50, 500); b = a if random.random() < 0.6 else a + random.randint(1, 9)
        print(json.dumps({"gold": str(a), "pred": f"<think>{a-3}+3={a}. Check: {a}-3={a-3}.</think> \\boxed{{{b}}}"}))
    else:
        c = random.choice(cases); print(json.dumps({"gold": c["gold"], "pred": c["pred"]}))
