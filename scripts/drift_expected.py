#!/usr/bin/env python3
"""Print the expected drift statistics that Tests/MonitoringTests hold.

Run with Evidently and scipy installed (values in the tests came from Evidently 0.7.23, scipy 1.17.1,
numpy 2.4.6, pandas 2.3.3 on Python 3.11; Evidently 0.7.23 does not import with pandas 3):

    python3 -m venv /tmp/ev && /tmp/ev/bin/pip install evidently==0.7.23 scipy==1.17.1 numpy==2.4.6 "pandas<3"
    /tmp/ev/bin/python scripts/drift_expected.py            # every case
    /tmp/ev/bin/python scripts/drift_expected.py ks_equal   # one case

The samples are built from integer formulas that the Swift tests repeat exactly
(`seq(n, mul, mod, div, shift)[i] = ((i * mul) % mod) / div + shift`), so no data file is needed.
Each line is `case key value`, values printed with repr (17 significant digits).
"""
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

from evidently.legacy.calculations.stattests import registry
from evidently.legacy.calculations.stattests import jensenshannon_stat_test, psi_stat_test, wasserstein_stat_test
from evidently.legacy.calculations.stattests import chi_stat_test, z_stat_test, ks_stat_test
from evidently.legacy.calculations.stattests.utils import get_binned_data
from evidently.legacy.core import ColumnType

NUM, CAT = ColumnType.Numerical, ColumnType.Categorical


def seq(n, mul, mod, div, shift):
    return [((i * mul) % mod) / div + shift for i in range(n)]


def capped(values, cap):
    return [min(v, cap) for v in values]


def cats(n, mul, mod, names):
    """names[((i * mul) % mod) % len(names)]"""
    return [names[((i * mul) % mod) % len(names)] for i in range(n)]


ABCD = ["a", "b", "c", "d"]
FIVE = ["n1", "n2", "n3", "n4", "n5"]


def out(case, key, value):
    print(case, key, repr(float(value)) if not isinstance(value, (bool, str)) else value)


def ks(case, a, b):
    r = stats.ks_2samp(a, b)
    out(case, "statistic", r.statistic)
    out(case, "pvalue", r.pvalue)


def evidently(case, ref, cur, ftype, test=None):
    """Evidently's own choice (or the given test) on the pair, with its score and decision."""
    r, c = pd.Series(ref), pd.Series(cur)
    t = test or registry._get_default_stattest(r, c, ftype)
    res = t(r, c, ftype, None)
    out(case, "method", t.name)
    out(case, "score", res.drift_score)
    out(case, "drifted", bool(res.drifted))
    psi = psi_stat_test(r, c, ftype, None)
    out(case, "psi", psi.drift_score)


def run(case):
    if case == "ks_equal":
        ks(case, seq(50, 13, 50, 10, 0), seq(50, 17, 50, 10, 1.2))
    elif case == "ks_unequal_ties":
        ks(case, seq(40, 7, 11, 1, 0), seq(30, 5, 9, 1, 1))
    elif case == "ks_drift":
        ks(case, seq(80, 31, 100, 10, 0), seq(60, 37, 100, 10, 2.5))
    elif case == "ks_asymp_small_en":  # max n > 10000: kstwo.sf(d, 119), n <= 140 branch (Pomeranz)
        ks(case, seq(120, 7919, 1000, 10, 0), seq(10500, 104729, 1000, 10, 12))
    elif case == "ks_asymp_dmtw":  # kstwo.sf(d, 119), n x^2 <= 0.754693: Durbin matrix
        ks(case, seq(120, 7919, 1000, 10, 0), seq(10500, 104729, 1000, 10, 5))
    elif case == "ks_asymp_pelzgood":  # kstwo.sf(d, 571), nx^2 < 2.2 and n x^1.5 > 1.4: Pelz-Good
        ks(case, seq(600, 7919, 1000, 10, 0), seq(12000, 104729, 1000, 10, 4))
    elif case == "ks_asymp_smirnov":  # kstwo.sf(d, 571), nx^2 >= 2.2: 2 * smirnov(n, d)
        ks(case, seq(600, 7919, 1000, 10, 0), seq(12000, 104729, 1000, 10, 7))
    elif case == "chisquare":
        ref, cur = cats(60, 7, 10, ABCD), cats(45, 3, 7, ABCD)
        keys = sorted(set(ref) | set(cur))
        f_exp = [ref.count(k) * len(cur) / len(ref) for k in keys]
        f_obs = [cur.count(k) for k in keys]
        out(case, "pvalue", stats.chisquare(f_obs, f_exp).pvalue)
        evidently(case, ref, cur, CAT, chi_stat_test)
    elif case == "ztest":
        ref = ["yes" if (i * 7) % 10 < 4 else "no" for i in range(80)]
        cur = ["yes" if (i * 3) % 10 < 6 else "no" for i in range(50)]
        evidently(case, ref, cur, CAT, z_stat_test)
    elif case == "wasserstein":
        ref, cur = seq(1500, 7919, 1000, 10, 0), seq(1200, 104729, 1000, 10, 6)
        out(case, "w1", stats.wasserstein_distance(ref, cur))
        out(case, "std_ref", np.std(ref))
        evidently(case, ref, cur, NUM, wasserstein_stat_test)
        edges = np.histogram_bin_edges(np.asarray(ref + cur), bins="sturges")
        out(case, "sturges_count", len(edges))
        out(case, "sturges_first", edges[0])
        out(case, "sturges_second", edges[1])
        out(case, "sturges_last", edges[-1])
        rp, cp = get_binned_data(pd.Series(ref), pd.Series(cur), NUM, 30, False)
        out(case, "js", distance.jensenshannon(rp, cp))
        out(case, "ref_share_0", rp[0])
        out(case, "cur_share_0", cp[0])
    elif case == "js_categorical":
        ref, cur = cats(1500, 7919, 1000, FIVE), cats(1200, 104729, 7, FIVE)
        evidently(case, ref, cur, CAT, jensenshannon_stat_test)
    elif case == "psi_zero_buckets":  # current has values 10 and 11 that the reference lacks
        ref, cur = seq(200, 7, 10, 1, 0), seq(150, 5, 12, 1, 0)
        evidently(case, ref, cur, NUM, psi_stat_test)
    elif case == "jensenshannon_plain":  # scipy on raw vectors (not normalised on input)
        out(case, "js", distance.jensenshannon([1, 2, 3, 0], [0, 3, 2, 2]))
    elif case.startswith("auto_"):
        auto(case)
    elif case == "no_drift":
        evidently(case, seq(300, 7919, 1000, 10, 0), seq(250, 104729, 1000, 10, 0), NUM)
    elif case == "clear_drift":
        evidently(case, seq(300, 7919, 1000, 10, 0), seq(250, 104729, 1000, 10, 30), NUM)
    else:
        raise SystemExit(f"unknown case {case}")


AUTO = {
    # small reference (200 rows) -> p-value tests
    "auto_small_num_many": (lambda: (seq(200, 7919, 1000, 10, 0), seq(150, 104729, 1000, 10, 5)), NUM),
    "auto_small_num_few": (lambda: (seq(200, 7, 4, 1, 0), capped(seq(150, 3, 5, 1, 0), 3)), NUM),
    "auto_small_binary": (lambda: (seq(200, 7, 2, 1, 0), capped(seq(150, 1, 3, 1, 0), 1)), NUM),
    "auto_small_cat_many": (lambda: (cats(200, 7, 10, ABCD), cats(150, 3, 7, ABCD)), CAT),
    "auto_small_cat_binary": (lambda: (cats(200, 7, 10, ["x", "y"]), cats(150, 3, 7, ["x", "y"])), CAT),
    # large reference (1500 rows) -> distances
    "auto_large_num_many": (lambda: (seq(1500, 7919, 1000, 10, 0), seq(1200, 104729, 1000, 10, 2)), NUM),
    "auto_large_num_few": (lambda: (seq(1500, 7, 4, 1, 0), capped(seq(1200, 3, 5, 1, 0), 3)), NUM),
    "auto_large_cat": (lambda: (cats(1500, 7919, 1000, FIVE), cats(1200, 104729, 7, FIVE)), CAT),
}


def auto(case):
    make, ftype = AUTO[case]
    ref, cur = make()
    evidently(case, ref, cur, ftype)


CASES = ["ks_equal", "ks_unequal_ties", "ks_drift", "ks_asymp_small_en", "ks_asymp_dmtw", "ks_asymp_pelzgood", "ks_asymp_smirnov",
         "chisquare", "ztest", "wasserstein", "js_categorical", "psi_zero_buckets", "jensenshannon_plain",
         *AUTO.keys(), "no_drift", "clear_drift"]

if __name__ == "__main__":
    for c in sys.argv[1:] or CASES:
        run(c)
