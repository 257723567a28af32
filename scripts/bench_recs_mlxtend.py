"""mlxtend's half of scripts/bench-recs-rules: frequent itemsets with fpgrowth and rules with
association_rules on the same basket lines Storewise reads, timed step by step.

Thresholds are applied on integer counts, as ../shared/data-baskets/README.md says:
  min_count = ceil(support × N) in integers; fpgrowth gets min_support = (min_count − 0.5) / N,
  which keeps exactly the itemsets with count ≥ min_count;
  rules keep a one-item consequent and count × 10⁹ ≥ round(confidence × 10⁹) × antecedent count.
Cancellations are left out like Storewise's BasketLinesReader does: basket ids starting with C
and lines with quantity < 1. Items per basket are distinct.

Prints one JSON line of counts and median timings; writes the rules as CSV
(antecedent keys sorted and joined by |, consequent, count) with --output.
"""
import argparse, glob, json, os, statistics, sys, time

import pandas as pd
from mlxtend.frequent_patterns import association_rules, fpgrowth
from mlxtend.preprocessing import TransactionEncoder

SCALE = 10**9


def files_of(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for f in sorted(glob.glob(os.path.join(p, "*.csv"))):
                with open(f, encoding="utf-8") as h:
                    if "basket_id" in h.readline().strip().split(","):
                        out.append(f)
        else:
            out.append(p)
    return out


def read(paths):
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files_of(paths)]
    lines = pd.concat(frames, ignore_index=True)
    item = "item_id" if "item_id" in lines.columns else "item_name"
    keep = ~lines["basket_id"].str.startswith("C")
    if "quantity" in lines.columns:
        keep &= lines["quantity"].astype(int) >= 1
    lines = lines[keep]
    baskets = lines.groupby("basket_id", sort=False)[item].agg(lambda s: sorted(set(s))).tolist()
    return baskets


def encode(baskets):
    encoder = TransactionEncoder()
    array = encoder.fit(baskets).transform(baskets)
    return pd.DataFrame(array, columns=encoder.columns_)


def mine(onehot, n, min_count, confidence, max_len):
    itemsets = fpgrowth(onehot, min_support=(min_count - 0.5) / n, use_colnames=True, max_len=max_len)
    rules = association_rules(itemsets, num_itemsets=n, metric="confidence", min_threshold=max(confidence - 1e-6, 0.0))
    rules = rules[rules["consequents"].map(len) == 1]
    count = (rules["support"] * n).round().astype(int)
    antecedent = (rules["antecedent support"] * n).round().astype(int)
    parts = round(confidence * SCALE)
    keep = count * SCALE >= antecedent * parts
    rules = rules[keep].assign(count=count[keep])
    return itemsets, rules


def median_time(body, repeats):
    runs, cpu, result = [], [], None
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        result = body()
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return result, statistics.median(runs), statistics.median(cpu), runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--support", type=float, required=True)
    parser.add_argument("--confidence", type=float, required=True)
    parser.add_argument("--max-length", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output")
    args = parser.parse_args()

    baskets, read_s, _, _ = median_time(lambda: read(args.paths), 1)
    onehot, encode_s, _, _ = median_time(lambda: encode(baskets), 1)
    n = len(baskets)
    min_count = -(-round(args.support * SCALE) * n // SCALE)
    (itemsets, rules), mine_s, mine_cpu, runs = median_time(
        lambda: mine(onehot, n, min_count, args.confidence, args.max_length), args.repeats)

    sizes = itemsets["itemsets"].map(len).value_counts().sort_index()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write("antecedent,consequent,count\n")
            for a, c, k in zip(rules["antecedents"], rules["consequents"], rules["count"]):
                row = ["|".join(sorted(a)), next(iter(c)), str(k)]
                out.write(",".join('"' + f.replace('"', '""') + '"' if ("," in f or '"' in f) else f for f in row) + "\n")
    print(json.dumps({
        "tool": "mlxtend", "baskets": n, "min_count": min_count, "itemsets": len(itemsets),
        "itemsets_by_size": {str(k): int(v) for k, v in sizes.items()}, "rules": len(rules),
        "read_seconds": read_s, "encode_seconds": encode_s, "mine_seconds": mine_s, "mine_cpu_seconds": mine_cpu,
        "end_to_end_seconds": read_s + encode_s + mine_s, "repeats": args.repeats, "mine_runs": runs,
    }, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
