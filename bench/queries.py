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

It does so once per I/O thread count in `--threads` (default 1 and 2), each
beside nginx's fixed JSON response with as many worker processes, measured
the same way in the same run: on two cores shared with wrk, the p99 at 64
connections is set mostly by the scheduler, and nginx's own p99 there is
the floor any server can reach (docs/decisions.md, "The p99 floor at 64
connections").

The dashboard keeps the rates it read until the next commit (the change
clock, store/change_clock.h). So that the figures do not rest on a quiet
database alone, the community's rates are measured again at 64 connections
while cases come in at each rate of `--write-rates` (cases/s, posted through
the API by a thread of this script): 0.7/s is a city's average (60,000 a
day), the others are surges. The cases stay in the dataset, as intake's do.

Usage: bench/queries.py [--tier city] [--runs 3] [--seconds 8] [--connections 1,16,64] [--threads 1,2]
                        [--write-rates 0.7,10,100] [--out bench/queries-<tier>.json]
Needs the Release build and the dataset of bench/run.sh (bench/run.sh --tier city --generate-only).
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the suite's helpers: dataset, Server, wrk, request, query_paths)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tier", choices=run.TIERS, default="city")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", default="1,16,64")
    ap.add_argument("--threads", default="1,2", help="the server's I/O threads (and nginx's workers), one pass each")
    ap.add_argument("--write-rates", default="0.7,10,100", help="cases/s posted while the community's rates are "
                    "measured again at 64 connections; empty: none")
    ap.add_argument("--out", help="where to write the results (default bench/queries-<tier>.json)")
    a = ap.parse_args()
    conns = [int(c) for c in a.connections.split(",")]
    db, summary = run.dataset(a.tier)
    out = {"tier": a.tier, "started": time.strftime("%Y-%m-%d %H:%M:%S"), "cpu": run.cpu_model(),
           "cpus": os.cpu_count(), "runs": a.runs, "seconds": a.seconds}
    for threads in [int(t) for t in a.threads.split(",")]:
        out[f"threads_{threads}"] = measure(a, db, summary, conns, threads)
    path = a.out or os.path.join(run.ROOT, "bench", f"queries-{a.tier}.json")
    json.dump(out, open(path, "w"), indent=1)
    run.log(f"wrote {path}")


def measure_paths(a, port, conns, name, paths, token, out):
    env = {"WEIGE_TOKEN": token, "PATHS": " ".join(paths)}
    for c in conns:
        runs = [run.wrk(port, c, a.seconds, "paths.lua", "/", env) for _ in range(a.runs)]
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


class Writer:
    """Posts cases at `rate` per second (at random units) on a thread, until the with-block ends."""

    def __init__(self, db, server, rate):
        con = sqlite3.connect(db)
        self.units = con.execute("SELECT min(id), max(id) FROM places WHERE kind = 'unit'").fetchone()
        con.close()
        self.server, self.rate = server, rate
        self.done, self.failed, self.stop = 0, 0, threading.Event()
        self.thread = threading.Thread(target=self.loop)

    def loop(self):
        headers = {"Authorization": "Bearer " + self.server.token}
        start = time.monotonic()
        while not self.stop.is_set():
            body = {"category_id": 102, "channel": "walk_in", "description": "楼上狗叫扰民 bench (queries.py)",
                    "place_id": random.randint(*self.units)}
            try:
                run.request(self.server.port, "POST", "/api/v1/cases", body, headers)
                self.done += 1
            except Exception:  # noqa: BLE001  (counted, and reported next to the figures)
                self.failed += 1
            wait = start + (self.done + self.failed) / self.rate - time.monotonic()
            if wait > 0:
                self.stop.wait(wait)

    def __enter__(self):
        self.started = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.seconds = time.monotonic() - self.started

    def report(self):
        return {"asked_per_s": self.rate, "cases": self.done, "failed": self.failed,
                "per_s": round(self.done / self.seconds, 2)}


def measure(a, db, summary, conns, threads):
    out = {}
    run.log(f"--- {threads} I/O thread(s); nginx with {threads} worker(s) ---")
    nginx = run.Nginx(workers=threads)
    try:
        measure_paths(a, nginx.port, conns, "nginx_fixed_json", ["/"], "", out)
    finally:
        nginx.stop()
    server = run.Server(db, threads=threads)
    out["prewarm"] = server.prewarm
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
        jobs.append(("health (the empty GET)", ["/api/v1/health"], server.token))
        for name, paths, token in jobs:
            measure_paths(a, server.port, conns, name, paths, token, out)
        rates_path = [q["dashboard"]["community"]]
        for rate in [float(r) for r in a.write_rates.split(",") if r]:
            with Writer(db, server, rate) as w:
                measure_paths(a, server.port, [64], f"dashboard_community_while_{rate:g}_cases_per_s", rates_path,
                              server.token, out)
            out[f"dashboard_community_while_{rate:g}_cases_per_s"]["written"] = w.report()
            print(f"  while: {w.report()}", flush=True)
        out["rss_mib"] = round(server.rss_mib(), 1)
        print(f"server resident memory: {out['rss_mib']} MiB", flush=True)
    finally:
        server.stop()
    return out


if __name__ == "__main__":
    main()
