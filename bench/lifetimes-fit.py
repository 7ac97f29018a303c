"""Times lifetimes' BetaGeoFitter and GammaGammaFitter on a summary CSV (customer_id,frequency,recency,T,monetary).

Called by bench/run-analytics.sh as the yardstick for Tango's fits on the same summary; prints one JSON object.
"""
import json
import sys
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

summary = pd.read_csv(sys.argv[1])

started = time.perf_counter()
bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
bgnbd_seconds = time.perf_counter() - started

repeat = summary[(summary["frequency"] > 0) & (summary["monetary"] > 0)]
started = time.perf_counter()
ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary"])
gamma_gamma_seconds = time.perf_counter() - started

print(json.dumps({
    "bgnbd": {k: float(v) for k, v in bgf.params_.items()},
    "gammaGamma": {k: float(v) for k, v in ggf.params_.items()},
    "fitBgnbdSeconds": bgnbd_seconds,
    "fitGammaGammaSeconds": gamma_gamma_seconds,
}))
