#!/usr/bin/env python3
"""The staff inbox and the dashboard rates alone, on a tier's dataset.

A shorter run than bench/run.sh for the two read targets of issue #8 (inbox
p99 < 20 ms, a community's rates p99 < 5 ms): it starts the Release server
on the dataset (after pre-warming, as the suite does), checks the answers
once (the inbox page has items; the rates come from the rollup and nest:
micro-grid <= community <= subdistrict <= whole tier = a year's cases), then
runs wrk at each connection count `--runs` times and prints, per figure, the
median and range of requests/s and of p99, and the server's CPU per request.
Results also go to bench/queries-<tier>.json.

Usage: bench/queries.py [--tier city] [--runs 3] [--seconds 8] [--connections 1,16,64]
Needs the Release build and the dataset of bench/run.sh (bench/run.sh --tier city --generate-only).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the suite's helpers: dataset, Server, wrk, request, query_paths)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tier", choices=run.TIERS, default="city")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", default="1,16,64")
    a = ap.parse_args()
    conns = [int(c) for c in a.connections.split(",")]
    db, summary = run.dataset(a.tier)
    server = run.Server(db)
    out = {"tier": a.tier, "started": time.strftime("%Y-%m-%d %H:%M:%S"), "prewarm": server.prewarm,
           "cpu": run.cpu_model(), "cpus": os.cpu_count()}
    try:
        q = run.query_paths(db, summary)
        staff = server.token_for(summary["inbox_user"]["username"])
        page, _ = run.request(server.port, "GET", q["inbox"][0], headers={"Authorization": "Bearer " + staff})
        rates = {k: run.request(server.port, "GET", p, headers={"Authorization": "Bearer " + server.token})[0]
                 for k, p in q["dashboard"].items()}
        totals = [rates[k]["total"] for k in run.DASHBOARD_LEVELS]
        out["checks"] = {"inbox_items": len(page["items"]), "inbox_total": page["total"],
                         "rates_totals": dict(zip(run.DASHBOARD_LEVELS, totals)), "year_total": q["year_total"],
                         "ok": len(page["items"]) > 0 and all(r["source"] == "rollup" for r in rates.values())
                         and totals == sorted(totals) and totals[-1] == q["year_total"] and totals[0] > 0}
        run.log(f"checks: {out['checks']}")
        if not out["checks"]["ok"]:
            sys.exit("queries: the answers failed their checks")
        jobs = [("inbox", q["inbox"], staff)] + [(f"dashboard_{k}", [q["dashboard"][k]], server.token)
                                                 for k in run.DASHBOARD_LEVELS]
        for name, paths, token in jobs:
            env = {"WEIGE_TOKEN": token, "PATHS": " ".join(paths)}
            for c in conns:
                runs = [run.wrk(server.port, c, a.seconds, "paths.lua", "/", env) for _ in range(a.runs)]
                mid = len(runs) // 2
                rps = sorted(r["rps"] for r in runs)
                p99 = sorted(r["p99_ms"] for r in runs)
                res = {"rps": rps[mid], "rps_range": [rps[0], rps[-1]], "p99_ms": p99[mid], "p99_ms_range": [p99[0], p99[-1]],
                       "p50_ms": sorted(r["p50_ms"] for r in runs)[mid],
                       "server_cpu_us": sorted(r["server_cpu_us"] for r in runs)[mid],
                       "errors": sum(r["non_2xx"] for r in runs)}
                out.setdefault(name, {})[c] = res
                print(f"{name:24s} c={c:<3d} {res['rps']:>9,.0f}/s [{rps[0]:,.0f}-{rps[-1]:,.0f}]  p99 {res['p99_ms']} ms "
                      f"[{p99[0]}-{p99[-1]}]  server {res['server_cpu_us']} us  errors {res['errors']}", flush=True)
        out["rss_mib"] = round(server.rss_mib(), 1)
        print(f"server resident memory: {out['rss_mib']} MiB", flush=True)
    finally:
        server.stop()
    path = os.path.join(run.ROOT, "bench", f"queries-{a.tier}.json")
    json.dump(out, open(path, "w"), indent=1)
    run.log(f"wrote {path}")


if __name__ == "__main__":
    main()
