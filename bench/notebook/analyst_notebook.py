"""The quarterly job as a ministry analyst would write it in a notebook: pandas, scikit-learn, matplotlib.

The baseline of issue 17 ("at least 5 times faster than the notebook on the same input, in the same benchmark run").
It does what `impact run` does, in the way a competent analyst would write it with these libraries, cell after cell:

1. read the registry and every return file under returns/{workshop}/ (CSV in ',' or ';', UTF-8 with or without BOM
   or Windows-1252, the template's '#' comment lines, French numbers with ',' decimals and no-break-space thousands;
   JSON; XLSX is left out: openpyxl is not installed here and the benchmark cohort has none);
2. check each return (required fields, types, minimums, the cross-field rules, the quarter in the file against its
   name, the workshop in the registry) and keep, per workshop and quarter, the last accepted file by its time;
3. indicators per workshop and quarter (jobs, own-revenue share, occupancy, machine use, cash cover) and their
   national, regional and per-wave aggregates, completeness against the registry;
4. a risk model: logistic regression on the return's ratios, trained on the recorded outcomes (distress or
   closure in the next two quarters), scoring each workshop's latest quarter;
5. one chart per workshop (jobs and own revenue over the quarters, PNG) and the national charts;
6. the tables as CSV.

Usage: python3 analyst_notebook.py --in <folder written by `impact simulate`> --out <folder> [--as-of 2024-Q3]
It prints one line per stage with its time, then the counts. Not part of the test suite: a benchmark baseline.
"""

import argparse
import glob
import io
import json
import os
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

REVENUE = [
    "revenue_rent", "revenue_machine_time", "revenue_training", "revenue_services",
    "revenue_public_services", "revenue_events_catering", "revenue_other",
]
INTEGERS = [
    "staff_headcount", "jobs_created", "jobs_lost", "hosted_enterprises", "hosted_enterprise_jobs",
    "enterprises_created", "trainees", "apprentices", "heritage_skill_sessions", "school_visits", "events",
    "visitors", "prototypes_short_runs", "b2b_contracts", "public_service_contracts", "partners_count",
]
DECIMALS = [
    "staff_fte", "training_hours", "machine_hours_booked", "machine_hours_available", "workspace_m2_total",
    "workspace_m2_occupied", *REVENUE, "operating_subsidies", "investment_grant_received", "operating_expenses",
]
SIGNED = ["cash_end"]
REQUIRED = ["workshop_id", "quarter", "status", *INTEGERS, *DECIMALS, *SIGNED, "premises_status",
            "local_authority_partner"]
STATUSES = {"active", "suspended", "closed"}
PREMISES = {"owned", "local_authority_provided", "leased", "temporary_agreement", "none"}


def stage(name, started):
    print(f"{name}: {time.perf_counter() - started:.1f} s", flush=True)
    return time.perf_counter()


def read_text(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_return(path):
    """One return file as a dict of strings, or None if it cannot be read."""
    with open(path, "rb") as f:
        raw = f.read()
    if path.endswith(".json"):
        data = json.loads(read_text(raw))
        return {k: ("" if v is None else str(v)) for k, v in data.items()}, "json"
    text = read_text(raw)
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    header = lines[0] if lines else ""
    sep = ";" if header.count(";") > header.count(",") else ","
    frame = pd.read_csv(io.StringIO("\n".join(lines)), sep=sep, dtype=str, keep_default_na=False)
    if len(frame) != 1:
        return None, sep
    return frame.iloc[0].to_dict(), sep


def number(text, sep):
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if sep == ";":
        text = text.replace(",", ".")
    return float(text)


def check(values, sep, workshop, quarter, registry_ids):
    """The reasons a return is refused (empty when accepted), and its typed values."""
    reasons = []
    typed = {}
    for key in REQUIRED:
        if str(values.get(key, "")).strip() == "":
            reasons.append(f"field.required:{key}")
    if reasons:
        return reasons, typed
    for key in INTEGERS + DECIMALS + SIGNED:
        try:
            typed[key] = number(str(values[key]), sep if sep != "json" else ",")
        except ValueError:
            reasons.append(f"field.type:{key}")
            continue
        if key not in SIGNED and typed[key] < 0:
            reasons.append(f"field.min:{key}")
    if values["status"] not in STATUSES:
        reasons.append("field.choice:status")
    if values["premises_status"] not in PREMISES:
        reasons.append("field.choice:premises_status")
    if values["workshop_id"] != workshop or values["workshop_id"] not in registry_ids:
        reasons.append("path.workshop_mismatch")
    if values["quarter"] != quarter:
        reasons.append("path.quarter_mismatch")
    if not reasons:
        if typed["staff_fte"] > typed["staff_headcount"]:
            reasons.append("cross.fte_le_headcount")
        if typed["workspace_m2_occupied"] > typed["workspace_m2_total"]:
            reasons.append("cross.occupied_le_total")
        if typed["machine_hours_booked"] > typed["machine_hours_available"]:
            reasons.append("cross.booked_le_available")
    typed["workshop_id"] = values["workshop_id"]
    typed["quarter"] = values["quarter"]
    typed["status"] = values["status"]
    typed["local_authority_partner"] = values["local_authority_partner"] in ("yes", "oui")
    return reasons, typed


def quarter_index(q):
    year, part = q.split("-Q")
    return int(year) * 4 + int(part) - 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--in", dest="source", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--as-of", default="2024-Q3")
    args = parser.parse_args()
    os.makedirs(os.path.join(args.out, "charts"), exist_ok=True)
    total = time.perf_counter()

    # 1–2. Read and check every return; keep the last accepted per workshop and quarter.
    started = time.perf_counter()
    registry = pd.read_csv(os.path.join(args.source, "registry", "workshops.csv"), dtype={"department": str})
    outcomes = pd.read_csv(os.path.join(args.source, "registry", "outcomes.csv"))
    registry_ids = set(registry["workshop_id"])
    accepted, refused = [], []
    for path in sorted(glob.glob(os.path.join(args.source, "returns", "*", "*"))):
        workshop = os.path.basename(os.path.dirname(path))
        quarter = os.path.splitext(os.path.basename(path))[0]
        try:
            values, sep = read_return(path)
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
            refused.append((workshop, quarter, "file.unreadable"))
            continue
        if values is None:
            refused.append((workshop, quarter, "file.rows"))
            continue
        reasons, typed = check(values, sep, workshop, quarter, registry_ids)
        if reasons:
            refused.append((workshop, quarter, reasons[0]))
            continue
        typed["received"] = os.path.getmtime(path)
        accepted.append(typed)
    returns = pd.DataFrame(accepted)
    returns = returns.sort_values("received").drop_duplicates(["workshop_id", "quarter"], keep="last")
    returns["q"] = returns["quarter"].map(quarter_index)
    started = stage("lecture et contrôle", started)

    # 3. Indicators and aggregates.
    returns["own_revenue"] = returns[REVENUE].sum(axis=1)
    income = returns["own_revenue"] + returns["operating_subsidies"]
    returns["own_revenue_share"] = np.where(income > 0, returns["own_revenue"] / income.where(income > 0, 1), np.nan)
    returns["occupancy"] = returns["workspace_m2_occupied"] / returns["workspace_m2_total"].where(
        returns["workspace_m2_total"] > 0)
    returns["machine_use"] = returns["machine_hours_booked"] / returns["machine_hours_available"].where(
        returns["machine_hours_available"] > 0)
    monthly = returns["operating_expenses"] / 3
    returns["cash_months"] = returns["cash_end"] / monthly.where(monthly > 0)
    returns["net_jobs"] = returns["jobs_created"] - returns["jobs_lost"]
    returns = returns.merge(registry[["workshop_id", "region", "wave", "territory_type", "target_jobs",
                                      "target_own_revenue_share"]], on="workshop_id", how="left")
    returns["jobs_vs_target"] = returns["staff_headcount"] / returns["target_jobs"]
    columns = {"workshops": ("workshop_id", "nunique"), "headcount": ("staff_headcount", "sum"),
               "fte": ("staff_fte", "sum"), "net_jobs": ("net_jobs", "sum"), "own_revenue": ("own_revenue", "sum"),
               "own_revenue_share": ("own_revenue_share", "median"), "occupancy": ("occupancy", "median"),
               "machine_use": ("machine_use", "median"), "trainees": ("trainees", "sum"),
               "visitors": ("visitors", "sum")}
    national = returns.groupby("quarter").agg(**columns).reset_index()
    by_region = returns.groupby(["quarter", "region"]).agg(**columns).reset_index()
    by_wave = returns.groupby(["quarter", "wave"]).agg(**columns).reset_index()
    received = returns.groupby("quarter")["workshop_id"].nunique()
    national["completeness"] = national["quarter"].map(received) / len(registry)
    started = stage("indicateurs", started)

    # 4. Risk model: distress or closure within the next two quarters.
    returns = returns.sort_values(["workshop_id", "q"])
    grouped = returns.groupby("workshop_id")
    returns["headcount_change"] = grouped["staff_headcount"].diff().fillna(0)
    returns["share_change"] = grouped["own_revenue_share"].diff().fillna(0)
    features = ["own_revenue_share", "occupancy", "machine_use", "cash_months", "jobs_vs_target", "headcount_change",
                "share_change"]
    events = outcomes[outcomes["event"].isin(["distress", "closed"])].copy()
    events["q"] = events["quarter"].map(quarter_index)
    first_event = events.groupby("workshop_id")["q"].min()
    event_q = returns["workshop_id"].map(first_event)
    returns["label"] = ((event_q > returns["q"]) & (event_q <= returns["q"] + 2)).astype(int)
    x = returns[features].replace([np.inf, -np.inf], np.nan).fillna(0).clip(-50, 50)
    last_known = quarter_index(args.as_of) - 2
    train = returns["q"] <= last_known
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, class_weight="balanced"))
    model.fit(x[train], returns.loc[train, "label"])
    latest = returns.groupby("workshop_id").tail(1)
    scores = latest[["workshop_id", "quarter"]].copy()
    scores["risk"] = model.predict_proba(x.loc[latest.index])[:, 1]
    scores["band"] = pd.cut(scores["risk"], [-0.1, 0.4, 0.7, 1.1], labels=["vert", "orange", "rouge"])
    started = stage("modèle de risque", started)

    # 5. Charts: one per workshop, and the national ones.
    for workshop, history in grouped:
        fig, (jobs, revenue) = plt.subplots(1, 2, figsize=(8, 3), dpi=100)
        jobs.plot(history["quarter"], history["staff_headcount"], marker="o")
        jobs.set_title("Effectif salarié")
        jobs.tick_params(axis="x", rotation=45, labelsize=7)
        revenue.bar(history["quarter"], history["own_revenue"])
        revenue.set_title("Recettes propres (€)")
        revenue.tick_params(axis="x", rotation=45, labelsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(args.out, "charts", f"{workshop}.png"))
        plt.close(fig)
    for column in ["headcount", "own_revenue", "completeness", "own_revenue_share"]:
        fig, ax = plt.subplots(figsize=(8, 3), dpi=100)
        ax.plot(national["quarter"], national[column], marker="o")
        ax.set_title(column)
        fig.savefig(os.path.join(args.out, "charts", f"national-{column}.png"))
        plt.close(fig)
    started = stage("graphiques", started)

    # 6. Tables.
    returns.drop(columns=["received"]).to_csv(os.path.join(args.out, "indicators.csv"), index=False)
    national.to_csv(os.path.join(args.out, "national.csv"), index=False)
    by_region.to_csv(os.path.join(args.out, "regions.csv"), index=False)
    by_wave.to_csv(os.path.join(args.out, "waves.csv"), index=False)
    scores.to_csv(os.path.join(args.out, "risk.csv"), index=False)
    pd.DataFrame(refused, columns=["workshop_id", "quarter", "rule"]).to_csv(
        os.path.join(args.out, "refused.csv"), index=False)
    stage("tables", started)
    print(f"total: {time.perf_counter() - total:.1f} s")
    print(f"accepted={len(accepted)} refused={len(refused)} current={len(returns)} workshops={returns['workshop_id'].nunique()}"
          f" charts={returns['workshop_id'].nunique() + 4} red={int((scores['band'] == 'rouge').sum())}")


if __name__ == "__main__":
    main()
