"""run-all.sh's table: each figure of this run beside its goal and its recorded value.

Usage: summary.py RECORDED_TSV FIGURES_TSV OUT_JSON [FAILED_BENCHMARK ...]
Exit 1 when a figure is worse than half its recorded value (a time: more than twice it), is
missing, or a benchmark failed; the last line is "benchmarks: M of N goals met".
"""
import json
import sys


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def main(recorded_tsv, figures_tsv, out_json, failed):
    rows = []
    with open(recorded_tsv, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, unit, better, recorded, goal, source = line.rstrip("\n").split("\t")
            rows.append((name, unit, better, number(recorded), number(goal), source))
    measured = {}
    with open(figures_tsv, encoding="utf-8") as f:
        for line in f:
            name, value = line.rstrip("\n").split("\t")
            measured[name] = number(value)

    out, regressions, missing, goals, met_count = {}, [], [], 0, 0
    print(f"{'figure':34} {'value':>10} {'unit':11} {'goal':>8} {'met':5} {'recorded':>9}  vs recorded")
    for name, unit, better, recorded, goal, source in rows:
        value = measured.get(name)
        higher = better == "higher"
        met = None
        if goal is not None:
            goals += 1
            met = value is not None and (value >= goal if higher else value < goal)
            met_count += met
        verdict = ""
        if value is None:
            verdict = "not measured" if recorded is None else "NO FIGURE"
            if recorded is not None:
                missing.append(name)
        elif recorded is not None:
            ratio = value / recorded if recorded else float("inf")
            worse = ratio < 0.5 if higher else ratio > 2
            verdict = f"{ratio:.2f}x" + ("  REGRESSION" if worse else "")
            if worse:
                regressions.append(f"{name}: {value:g} {unit}, recorded {recorded:g} ({source})")
        goal_text = "-" if goal is None else (">=" if higher else "<") + f"{goal:g}"
        met_text = "-" if met is None else ("yes" if met else "no")
        value_text = "-" if value is None else f"{value:g}"
        recorded_text = "-" if recorded is None else f"{recorded:g}"
        print(f"{name:34} {value_text:>10} {unit:11} {goal_text:>8} {met_text:5} {recorded_text:>9}  {verdict}")
        out[name] = {"value": value, "unit": unit, "goal": goal, "met": met}
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    for name in failed:
        print(f"FAILED: benchmark {name} did not run to the end (benchmarks/results/{name}.log)")
    for name in missing:
        print(f"MISSING: {name} has no figure in this run (see its benchmark's log)")
    for line in regressions:
        print(f"REGRESSION: {line}")
    print(f"benchmarks: {met_count} of {goals} goals met")
    return 1 if failed or regressions or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]))
