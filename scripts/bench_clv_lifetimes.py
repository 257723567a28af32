#!/usr/bin/env python3
"""lifetimes' half of scripts/bench-clv: the CDNOW steps `storewise customers cdnow` runs, with
lifetimes 0.11.3, timed as the median of --repeats runs, written as the same JSON lines.

Steps: load (read CDNOW_master.txt, parse dates), summary (summary_data_from_transaction_data,
freq='W', to the holdout end), calibration_holdout (calibration_and_holdout_data, freq='W'),
fit_bgnbd / fit_mbgnbd / fit_paretonbd on the calibration summary, fit_gammagamma on its repeat
buyers with spend > 0, fit_bgbb on donations.csv. Every fitter runs with its defaults
(penalizer 0), as a merchant would call it. Log-likelihoods are re-computed on the unscaled data
with lifetimes' own likelihood functions (the fitters report them on rescaled time).
Holdout: conditional_expected_number_of_purchases_up_to_time(duration_holdout, x, t_x, T) per
calibration customer against frequency_holdout.

Run it from the venv scripts/bench-clv makes; it is not meant for the system Python.
"""
import argparse
import json
import statistics
import time
import warnings

import numpy as np
import pandas as pd
from lifetimes import (BetaGeoBetaBinomFitter, BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter,
                       ParetoNBDFitter)
from lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data

# lifetimes 0.11.3 on pandas 1.5 warns about chained assignment and deprecated arguments on every
# call; the warnings change nothing in the results and would drown the output.
warnings.filterwarnings("ignore")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--calibration-end", default="1997-09-30")
    parser.add_argument("--holdout-end", default="1998-06-30")
    parser.add_argument("--json-out", required=True)
    parser.add_argument("--summary-out")
    args = parser.parse_args()
    records = []

    def step(name, body, describe):
        runs, cpu_runs, value = [], [], None
        for _ in range(args.repeats):
            cpu_start = time.process_time()
            start = time.perf_counter()
            value = body()
            runs.append(time.perf_counter() - start)
            cpu_runs.append(time.process_time() - cpu_start)
        record = {"tool": "lifetimes", "step": name, "seconds": statistics.median(runs), "runs": runs,
                  "cpu_seconds": statistics.median(cpu_runs)}
        record.update(describe(value))
        records.append(record)
        print(f"{name:20s} {record['seconds']:9.5f}", flush=True)
        return value

    def load():
        frame = pd.read_csv(f"{args.data}/CDNOW_master.txt", sep=r"\s+", header=0,
                            names=["customer_id", "date", "number_of_cds", "dollar_value"])
        frame["date"] = pd.to_datetime(frame["date"].astype(str), format="%Y%m%d")
        return frame

    tx = step("load", load, lambda f: {"rows": len(f)})
    full = step("summary", lambda: summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="dollar_value",
        observation_period_end=args.holdout_end, freq="W"), lambda s: {"rows": len(s)})
    cal = step("calibration_holdout", lambda: calibration_and_holdout_data(
        tx, "customer_id", "date", calibration_period_end=args.calibration_end,
        observation_period_end=args.holdout_end, freq="W", monetary_value_col="dollar_value"),
        lambda s: {"rows": len(s)})

    f, r, T = cal["frequency_cal"].values, cal["recency_cal"].values, cal["T_cal"].values
    ones = np.ones(len(cal))

    def purchase_fit(name, fitter_type, names, nll_at):
        def body():
            # Pareto/NBD starts Nelder-Mead from random parameters: seed for repeatable runs.
            np.random.seed(0)
            return fitter_type().fit(f, r, T)

        def describe(model):
            params = {k: float(model.params_[k]) for k in names}
            return {"rows": len(cal), "parameters": params, "log_likelihood": nll_at(np.array([params[k] for k in names]))}
        return step(name, body, describe)

    bg = purchase_fit("fit_bgnbd", BetaGeoFitter, ["r", "alpha", "a", "b"],
                      lambda p: float(-BetaGeoFitter._negative_log_likelihood(np.log(p), f, r, T, ones, 0) * len(f)))
    mbg = purchase_fit("fit_mbgnbd", ModifiedBetaGeoFitter, ["r", "alpha", "a", "b"],
                       lambda p: float(-ModifiedBetaGeoFitter._negative_log_likelihood(np.log(p), f, r, T, ones, 0) * len(f)))
    # ParetoNBDFitter's objective takes the parameters themselves and divides by the mean weight.
    pnbd = purchase_fit("fit_paretonbd", ParetoNBDFitter, ["r", "alpha", "s", "beta"],
                        lambda p: float(-ParetoNBDFitter._negative_log_likelihood(p, f, r, T, ones, 0)))

    repeaters = cal[(cal["frequency_cal"] > 0) & (cal["monetary_value_cal"] > 0)]
    gx, gm = repeaters["frequency_cal"].values, repeaters["monetary_value_cal"].values

    def gg_describe(model):
        params = {k: float(model.params_[k]) for k in ["p", "q", "v"]}
        nll = GammaGammaFitter._negative_log_likelihood(np.log([params["p"], params["q"], params["v"]]), gx, gm, np.ones(len(gx)), 0)
        return {"rows": len(gx), "parameters": params, "log_likelihood": float(-nll * len(gx))}
    step("fit_gammagamma", lambda: GammaGammaFitter().fit(gx, gm), gg_describe)

    donations = pd.read_csv(f"{args.data}/donations.csv")
    dx, dt, dn, dw = (donations[c].values for c in ["frequency", "recency", "periods", "weights"])

    def bgbb_describe(model):
        names = ["alpha", "beta", "gamma", "delta"]
        params = {k: float(model.params_[k]) for k in names}
        nll = BetaGeoBetaBinomFitter._negative_log_likelihood(np.log([params[k] for k in names]), dx, dt, dn, dw, 0)
        return {"rows": len(donations), "parameters": params, "log_likelihood": float(-nll * dw.sum())}
    step("fit_bgbb", lambda: BetaGeoBetaBinomFitter().fit(dx, dt, dn, weights=dw), bgbb_describe)

    for kind, model in [("bgnbd", bg), ("mbgnbd", mbg), ("paretonbd", pnbd)]:
        predicted = model.conditional_expected_number_of_purchases_up_to_time(cal["duration_holdout"].values, f, r, T)
        actual = cal["frequency_holdout"].values
        records.append({"tool": "lifetimes", "step": f"holdout_{kind}", "customers": len(cal),
                        "mae": float(np.mean(np.abs(predicted - actual))), "predicted_total": float(np.sum(predicted)),
                        "actual_total": float(np.sum(actual)), "duration": float(cal["duration_holdout"].iloc[0])})

    if args.summary_out:
        full.reset_index().rename(columns={"customer_id": "id", "monetary_value": "monetary"}).to_csv(
            f"{args.summary_out}-full.csv", index=False, columns=["id", "frequency", "recency", "T", "monetary"])
        cal.reset_index().rename(columns={
            "customer_id": "id", "frequency_cal": "frequency", "recency_cal": "recency", "T_cal": "T",
            "monetary_value_cal": "monetary"}).to_csv(
            f"{args.summary_out}-calibration.csv", index=False,
            columns=["id", "frequency", "recency", "T", "monetary", "frequency_holdout", "duration_holdout"])

    with open(args.json_out, "w") as out:
        for record in records:
            out.write(json.dumps(record, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
