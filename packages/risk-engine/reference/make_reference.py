"""Reference values for the risk-engine tests, computed with numpy/scipy from the published
definitions of empyrical's functions (the conventions the risk-engine README states). An independent,
vectorised implementation to check the TypeScript loops against, number for number.

    python3 make_reference.py > reference.json
"""
import json

import numpy as np
from scipy.special import ndtri

PPY = 252


def adjust(r, rate):
    return r - rate


def cumulative_return(r, starting_value=0):
    growth = np.prod(1 + np.nan_to_num(r))
    return growth - 1 if starting_value == 0 else growth * starting_value


def annual_return(r, ppy=PPY):
    return cumulative_return(r, 1) ** (ppy / len(r)) - 1


def annual_volatility(r, ppy=PPY):
    return np.nanstd(r, ddof=1) * np.sqrt(ppy)


def sharpe(r, rf=0, ppy=PPY):
    x = adjust(r, rf)
    return np.nanmean(x) / np.nanstd(x, ddof=1) * np.sqrt(ppy)


def downside_risk(r, mar=0, ppy=PPY):
    d = np.clip(adjust(r, mar), -np.inf, 0)
    return np.sqrt(np.nanmean(d**2)) * np.sqrt(ppy)


def sortino(r, mar=0, ppy=PPY):
    return np.nanmean(adjust(r, mar)) * ppy / downside_risk(r, mar, ppy)


def max_drawdown(r):
    curve = np.concatenate([[1.0], np.cumprod(1 + np.nan_to_num(r))])
    peak = np.fmax.accumulate(curve)
    return np.min((curve - peak) / peak)


def calmar(r, ppy=PPY):
    dd = max_drawdown(r)
    return annual_return(r, ppy) / abs(dd) if dd < 0 else float("nan")


def beta(r, b, rf=0):
    r, b = adjust(r, rf), adjust(b, rf)
    ind = np.where(np.isnan(r), np.nan, b)
    res = ind - np.nanmean(ind)
    var = np.nanmean(res**2)
    return np.nanmean(res * r) / var if var >= 1e-30 else float("nan")


def alpha(r, b, rf=0, ppy=PPY):
    bt = beta(r, b, rf)
    series = adjust(r, rf) - bt * adjust(b, rf)
    return (1 + np.nanmean(series)) ** ppy - 1


def historical_var(r, confidence):
    return np.percentile(r[~np.isnan(r)], 100 * (1 - confidence))


def conditional_var(r, confidence):
    x = np.sort(r[~np.isnan(r)])
    k = int((len(x) - 1) * (1 - confidence))
    return np.mean(x[: k + 1])


def parametric_var(r, confidence):
    return np.nanmean(r) + ndtri(1 - confidence) * np.nanstd(r, ddof=1)


def case(name, r, b, rf):
    # JSON has no NaN: a missing period is written as null.
    as_json = lambda xs: [None if np.isnan(x) else float(x) for x in xs]  # noqa: E731
    out = {"name": name, "returns": as_json(r), "benchmark": as_json(b), "riskFree": rf, "expected": {}}
    e = out["expected"]
    e["cumulativeReturn"] = cumulative_return(r)
    e["cumulativeReturnFrom100"] = cumulative_return(r, 100)
    e["annualReturn"] = annual_return(r)
    e["annualVolatility"] = annual_volatility(r)
    e["sharpeRatio"] = sharpe(r, rf)
    e["downsideRisk"] = downside_risk(r, rf)
    e["sortinoRatio"] = sortino(r, rf)
    e["maxDrawdown"] = max_drawdown(r)
    e["calmarRatio"] = calmar(r)
    e["beta"] = beta(r, b, rf)
    e["alpha"] = alpha(r, b, rf)
    for c in (0.9, 0.95, 0.99):
        e[f"historicalVaR@{c}"] = historical_var(r, c)
        e[f"conditionalVaR@{c}"] = conditional_var(r, c)
        e[f"parametricVaR@{c}"] = parametric_var(r, c)
    out["expected"] = {k: float(v) for k, v in e.items()}
    return out


rng = np.random.default_rng(20241125)
market = rng.normal(0.0004, 0.011, 504)
stock = 1.3 * market + rng.normal(0.0001, 0.012, 504)
with_gaps = stock[:120].copy()
with_gaps[[3, 17, 64]] = np.nan
rf_series = np.full(120, 0.0001) + rng.normal(0, 0.00002, 120)
cases = [
    case("two years of a correlated stock, no risk-free rate", stock, market, 0.0),
    case("a constant daily risk-free rate", stock, market, 0.00015),
    case("missing periods and a risk-free series", with_gaps, market[:120], rf_series.tolist()),
]
inverse = [[p, float(ndtri(p))] for p in (1e-100, 1e-12, 1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 0.999, 1 - 1e-9)]
print(json.dumps({"cases": cases, "inverseNormal": inverse}))
