#!/usr/bin/env python3
"""Cheap requests while long ones run: what the slow lane (src/http/slow_lane.h) buys.

Each round starts the Release server on the tier's dataset twice, with the
slow lane (--slow-threads 2) and without it (--slow-threads 0: long requests
run on the I/O threads, where each thread serves its own connections). In
both, `--long` Python threads request the full metrics of a subdistrict (a
scan of a year of its cases) back to back, while wrk drives the staff inbox
(the community secretary's open cases, newest first) at `--connections`.
Printed per run: the inbox's requests/s and p50/p99, and the scans finished.

Usage: bench/mixed_load.py [--tier district] [--seconds 10] [--rounds 3]
Needs the Release build and the dataset of bench/run.sh (run that once first).
"""
import argparse
import json
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the suite's helpers: dataset, Server, wrk, request, query_paths)


def one(db, summary, lane, a):
    server = run.Server(db, extra=["--slow-threads", "2" if lane else "0"])
    try:
        q = run.query_paths(db, summary)
        inbox_token = server.token_for(summary["inbox_user"]["username"])
        admin = {"Authorization": "Bearer " + server.token}
        scan = q["scan"]["subdistrict"]
        stop = threading.Event()
        scans = []

        def loop():
            while not stop.is_set():
                started = time.time()
                body, _ = run.request(server.port, "GET", scan, headers=admin)
                if "total" in body:
                    scans.append(time.time() - started)

        threads = [threading.Thread(target=loop) for _ in range(a.long)]
        for t in threads:
            t.start()
        time.sleep(1)  # the scans are under way
        env = {"WEIGE_TOKEN": inbox_token, "PATHS": " ".join(q["inbox"])}
        r = run.wrk(server.port, a.connections, a.seconds, "paths.lua", "/", env)
        stop.set()
        for t in threads:
            t.join()
        r["scans"] = len(scans)
        r["scan_s"] = round(statistics.median(scans), 2) if scans else None
        return r
    finally:
        server.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tier", default="district")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--long", type=int, default=2, help="threads requesting the long scan back to back")
    a = p.parse_args()
    db, summary = run.dataset(a.tier)
    out = {"lane": [], "inline": []}
    for i in range(a.rounds):
        for lane in (True, False) if i % 2 == 0 else (False, True):
            r = one(db, summary, lane, a)
            out["lane" if lane else "inline"].append(r)
            print(f"round {i + 1} {'lane  ' if lane else 'inline'}: inbox {r['rps']:,.0f} req/s, p50 {r['p50_ms']} ms, "
                  f"p99 {r['p99_ms']} ms; {r['scans']} scans (median {r['scan_s']} s)", flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
