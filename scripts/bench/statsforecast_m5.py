"""Times statsforecast 2.1.1's models on M5-layout data, one model at a time, on one core.

Prints one JSON object per model: {"model", "cold_s", "warm_s", "series"}.
cold_s is the first call in this process (it includes numba compilation);
warm_s is the best of the following `--repeat` calls.
Used by scripts/bench-forecast; run it from that script, which builds the venv.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import (
    ADIDA, IMAPA, TSB, AutoETS, AutoTheta, CrostonClassic, CrostonOptimized,
    CrostonSBA, HistoricAverage, Naive, SeasonalNaive,
)

MODELS = {
    "Naive": lambda: Naive(),
    "SeasonalNaive": lambda: SeasonalNaive(season_length=7),
    "HistoricAverage": lambda: HistoricAverage(),
    "CrostonClassic": lambda: CrostonClassic(),
    "CrostonOptimized": lambda: CrostonOptimized(),
    "CrostonSBA": lambda: CrostonSBA(),
    "TSB": lambda: TSB(alpha_d=0.1, alpha_p=0.1),
    "ADIDA": lambda: ADIDA(),
    "IMAPA": lambda: IMAPA(),
    "AutoETS": lambda: AutoETS(season_length=7),
    "AutoTheta": lambda: AutoTheta(season_length=7),
}


def load(sales_path, calendar_path, train_days):
    sales = pd.read_csv(sales_path)
    calendar = pd.read_csv(calendar_path)
    days = [f"d_{i}" for i in range(1, train_days + 1)]
    dates = pd.to_datetime(calendar.set_index("d").loc[days, "date"]).to_numpy()
    values = sales[days].to_numpy(dtype=np.float64)
    n = len(sales)
    return pd.DataFrame({
        "unique_id": np.repeat(sales["id"].to_numpy(), train_days),
        "ds": np.tile(dates, n),
        "y": values.reshape(-1),
    })


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", required=True)
    parser.add_argument("--calendar", required=True)
    parser.add_argument("--train-days", type=int, default=1885)
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--models", default=",".join(MODELS))
    args = parser.parse_args()
    df = load(args.sales, args.calendar, args.train_days)
    series = df["unique_id"].nunique()
    for name in args.models.split(","):
        def run():
            sf = StatsForecast(models=[MODELS[name]()], freq="D", n_jobs=1)
            start = time.perf_counter()
            sf.forecast(df=df, h=args.horizon)
            return time.perf_counter() - start
        cold = run()
        warm = min(run() for _ in range(args.repeat))
        print(json.dumps({"model": name, "cold_s": cold, "warm_s": warm, "series": series}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
