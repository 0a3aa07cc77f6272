#!/usr/bin/env python3
"""The benchmark suite in one command (see bench/README.md).

Builds nothing itself (bench/run.sh does), then: generates or reuses the
dataset of a tier, runs the micro-benchmarks, starts the real server and an
nginx baseline on loopback, drives them with wrk, and writes
bench/results.md and bench/throughput.png. Every figure is printed beside a
baseline measured in the same invocation.
"""
import argparse
import calendar
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build-bench")
WEIGE = os.path.join(BUILD, "src", "cli", "weige")
DATA = os.path.join(ROOT, "data", "bench")
PASSWORD = "bench-password-2026"
# Tiers: the city tier has ~7.5 million households in ~190,000 micro-grids;
# the district tier is about 1/50 of it (small enough for CI).
TIERS = {
    "tiny": dict(subdistricts=1, communities=2, grids=4, micro_grids=6, households=40),
    "district": dict(subdistricts=5, communities=8, grids=8, micro_grids=12, households=40),
    "city": dict(subdistricts=250, communities=8, grids=8, micro_grids=12, households=40),
}
FIXED_JSON = json.dumps({"id": 1, "state": "reported", "category": "dispute.pets", "level": "micro",
                         "handler": "micro_grid", "grid_id": 42, "created_at": "2026-11-29T10:00:00+08:00",
                         "tracking_token": "0123456789abcdef0123456789abcdef"}, separators=(",", ":"))


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port}")


def run(cmd, **kw):
    log(" ".join(cmd))
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def request(port, method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null"), r.headers


def dataset(tier):
    os.makedirs(DATA, exist_ok=True)
    db = os.path.join(DATA, f"{tier}.db")
    if os.path.exists(db) and os.path.exists(db + ".done"):
        summary = json.load(open(db + ".done"))
        if "cases" in summary and "inbox_user" in summary:
            log(f"reusing {db}")
            return db, summary
        log(f"{db} predates case generation: generating again")
    for suffix in ("", "-wal", "-shm", ".key", ".done"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    p = TIERS[tier]
    cmd = [WEIGE, "city", "--db", db, "--subdistricts", str(p["subdistricts"]), "--communities",
           str(p["communities"]), "--grids", str(p["grids"]), "--micro-grids", str(p["micro_grids"]),
           "--households", str(p["households"])]
    log(" ".join(cmd))
    start = time.time()
    out = subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE)  # progress goes to stderr
    seconds = time.time() - start
    text = out.stdout
    summary = json.loads(text[text.index("\n{") + 1:] if not text.startswith("{") else text)  # after the log lines
    summary["generation_seconds"] = round(seconds, 1)
    return finish_dataset(db, summary)


def finish_dataset(db, summary):
    """The accounts the runs use, then the .done marker that lets later runs reuse the dataset."""
    run([WEIGE, "user", "add", "--db", db, "--username", "bench", "--role", "subdistrict_admin", "--password", PASSWORD])
    # The inbox's staff member: a community secretary, scoped to the busiest community's grids.
    import sqlite3
    con = sqlite3.connect(db)
    community, general = con.execute(
        "SELECT c.community_id, g.id FROM (SELECT community_id, count(*) n FROM cases GROUP BY community_id "
        "ORDER BY n DESC LIMIT 1) c JOIN grids g ON g.community_id = c.community_id AND g.kind = 'general_grid'"
    ).fetchone() if summary.get("cases") else con.execute(
        "SELECT community_id, id FROM grids WHERE kind = 'general_grid' ORDER BY id LIMIT 1").fetchone()
    con.close()
    run([WEIGE, "user", "add", "--db", db, "--username", "inbox", "--role", "community_admin", "--grid", str(general),
         "--password", PASSWORD])
    summary["inbox_user"] = {"username": "inbox", "community_id": community, "general_grid_id": general}
    json.dump(summary, open(db + ".done", "w"))
    return db, summary


def copy_db(db, name):
    dst = os.path.join(DATA, name)
    for suffix in ("", "-wal", "-shm", ".key"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    run(["cp", "--reflink=auto", db, dst])
    shutil.copy(db + ".key", dst + ".key")
    return dst


PREWARM = []  # each server's pre-warming: state and seconds until measuring began


class Server:
    def __init__(self, db, group_commit=True, username="bench", extra=(), threads=2):
        self.port = free_port()
        cmd = [WEIGE, "serve", "--db", db, "--listen", f"127.0.0.1:{self.port}", "--threads", str(threads),
               "--deadline-interval", "3600", *extra]
        if not group_commit:
            cmd.append("--no-group-commit")
        log(" ".join(cmd))
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        SERVED_BY[self.port] = lambda: [self.proc.pid]
        wait_port(self.port)
        # The server reads its hot tables into the OS page cache in the background (store/prewarm.h); a
        # production server runs warm, so measuring starts when that is done.
        started = time.time()
        while True:
            health, _ = request(self.port, "GET", "/api/v1/health")
            if health.get("prewarm") != "running" or time.time() - started > 1800:
                break
            time.sleep(0.5)
        self.prewarm = {"state": health.get("prewarm"), "seconds": round(time.time() - started, 1)}
        PREWARM.append(self.prewarm)
        log(f"prewarm: {self.prewarm}")
        self.token = self.token_for(username)

    def token_for(self, username):
        """An API token of the account `username` (password PASSWORD)."""
        _, headers = request(self.port, "POST", "/api/v1/auth/login", {"username": username, "password": PASSWORD})
        cookie = headers["Set-Cookie"].split(";")[0]
        me, _ = request(self.port, "GET", "/api/v1/auth/me", headers={"Cookie": cookie})
        tok, _ = request(self.port, "POST", "/api/v1/api-tokens", {"name": "bench"},
                         {"Cookie": cookie, "X-CSRF-Token": me["csrf_token"]})
        return tok["token"]

    def rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Nginx:
    def __init__(self, workers=2):
        self.dir = tempfile.mkdtemp(prefix="weige-nginx-")
        self.port = free_port()
        conf = os.path.join(self.dir, "nginx.conf")
        body = FIXED_JSON.replace("'", "\\'")
        with open(conf, "w") as f:
            f.write(f"""worker_processes {workers}; daemon off; pid {self.dir}/nginx.pid; error_log {self.dir}/error.log;
events {{ worker_connections 4096; }}
http {{ access_log off; client_body_temp_path {self.dir}; proxy_temp_path {self.dir};
  fastcgi_temp_path {self.dir}; uwsgi_temp_path {self.dir}; scgi_temp_path {self.dir};
  server {{ listen 127.0.0.1:{self.port}; location / {{ default_type application/json; return 200 '{body}'; }} }} }}
""")
        self.proc = subprocess.Popen(["nginx", "-c", conf, "-p", self.dir], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        SERVED_BY[self.port] = lambda: [self.proc.pid] + children(self.proc.pid)  # master and workers
        wait_port(self.port)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


# Port -> a function giving the pids that serve it, so each wrk run can report
# the CPU time the server spent per request (and wrk's own), from /proc.
SERVED_BY = {}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (all threads)
        except (OSError, IndexError, ValueError):
            pass
    return total / CLOCK_TICKS


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def to_ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)", v)
    n, unit = float(m.group(1)), m.group(2)
    return {"us": n / 1000, "ms": n, "s": n * 1000, "m": n * 60000}[unit]


def wrk(port, connections, seconds, script=None, path="/", env=None):
    threads = 1 if connections == 1 else 2
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", os.path.join(ROOT, "bench", script)]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    pids = SERVED_BY.get(port, lambda: [])()
    server_before, client_before = cpu_seconds(pids), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, check=True, text=True, capture_output=True, env={**os.environ, **(env or {})}).stdout
    server_cpu = cpu_seconds(pids) - server_before
    client_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = (client_after.ru_utime - client_before.ru_utime) + (client_after.ru_stime - client_before.ru_stime)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: to_ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    per_req = (lambda cpu: round(cpu / requests * 1e6, 1) if requests else 0)
    return {"rps": rps, "p50_ms": lat["50"], "p99_ms": lat["99"],
            "non_2xx": int(errors.group(1)) if errors else 0, "socket_errors": socket_errors.group(1) if socket_errors else "",
            "server_cpu_us": per_req(server_cpu) if pids else None, "wrk_cpu_us": per_req(client_cpu)}


def median_of(runs, fn):
    results = [fn() for _ in range(runs)]
    rps = [r["rps"] for r in results]
    best = sorted(results, key=lambda r: r["rps"])[len(results) // 2]
    return {**best, "rps_min": min(rps), "rps_max": max(rps), "runs": runs,
            "non_2xx": sum(r["non_2xx"] for r in results)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tier", choices=TIERS, default="district")
    ap.add_argument("--runs", type=int, default=3, help="repetitions of each HTTP measurement (median reported)")
    ap.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    ap.add_argument("--connections", default="1,16,64")
    ap.add_argument("--smoke", action="store_true", help="CI: one short run each, only check the numbers are sane")
    ap.add_argument("--threads", type=int, default=2,
                    help="the server's I/O threads, and nginx's worker processes (docs/decisions.md, "
                         "\"The p99 floor at 64 connections\": 1 leaves a core to wrk)")
    ap.add_argument("--generate-only", action="store_true",
                    help="only generate (or reuse) the tier's dataset, e.g. ahead of a run on a quiet machine")
    a = ap.parse_args()
    if a.smoke:
        a.runs, a.seconds = 1, 2
    conns = [int(c) for c in a.connections.split(",")]
    results = {"tier": a.tier, "machine": {"cpus": os.cpu_count(), "kernel": platform.release(),
                                          "cpu": cpu_model(), "mem_gib": mem_gib()},
               "started": time.strftime("%Y-%m-%d %H:%M:%S"), "threads": a.threads}

    db, summary = dataset(a.tier)
    if a.generate_only:
        log(f"dataset ready: {db} (generated in {summary.get('generation_seconds')} s)")
        return
    results["dataset"] = summary
    results["db_mib"] = round(os.path.getsize(db) / 2**20, 1)
    results["db_tables_mib"] = db_breakdown(db)
    size_figures(results)

    # Point -> micro-grid, at the tier's number of micro-grids, against brute force.
    micro = summary.get("micro_grids", 190000)
    out = run([os.path.join(BUILD, "bench", "weige_bench_locate"), f"--micro-grids={max(micro, 1000)}",
               "--benchmark_format=json", "--benchmark_min_time=1"]).stdout
    bm = {b["name"].split("/")[0]: b for b in json.loads(out)["benchmarks"]}
    results["locate"] = {"micro_grids": max(micro, 1000), "rtree_per_s": bm["BM_Locate"]["lookups_per_s"],
                         "brute_force_per_s": bm["BM_BruteForce"]["lookups_per_s"]}
    log(f"locate: {results['locate']}")

    # The storage limit: plain SQLite inserts at the same durability.
    results["sqlite"] = {}
    for batch in (1, 100, 1000):
        out = run([os.path.join(BUILD, "bench", "weige_bench_sqlite"), "--batch", str(batch), "--seconds",
                   "2" if a.smoke else "5", "--db", os.path.join(DATA, "sqlite-baseline.db")]).stdout
        results["sqlite"][batch] = json.loads(out)
    log(f"sqlite: {results['sqlite']}")

    # Emergency declaration over the whole tier, on a copy when the disk has room for one; else on the
    # dataset itself (intake's cases are added to it; the next run ends this run's emergency first).
    need = os.path.getsize(db) * 1.1 + 5 * 2**30
    results["in_place"] = shutil.disk_usage(DATA).free < need
    if results["in_place"]:
        log(f"not enough free disk for a copy of {db}: measuring on the dataset itself")
        work = db
    else:
        work = copy_db(db, f"{a.tier}-work.db")
    out = run([os.path.join(BUILD, "bench", "weige_bench_emergency"), "--db", work] +
              (["--end-previous"] if results["in_place"] else [])).stdout
    results["emergency"] = json.loads(out)
    log(f"emergency: {results['emergency']}")
    # The storage limit with the real schema: the same loop through every index and trigger of `cases`, at the
    # tier's size, in batches like group commit's (its cases stay in the database, like intake's).
    out = run([os.path.join(BUILD, "bench", "weige_bench_case_insert"), "--db", work, "--batch", "256",
               "--seconds", "3" if a.smoke else "60"]).stdout
    results["sqlite_real"] = json.loads(out)
    log(f"sqlite_real: {results['sqlite_real']}")
    import sqlite3
    con = sqlite3.connect(work)
    lo, hi = con.execute("SELECT min(id), max(id) FROM screening_tasks WHERE round_id = ?",
                         (results["emergency"]["round_id"],)).fetchone()
    unit_lo, unit_hi = con.execute("SELECT min(id), max(id) FROM places WHERE kind = 'unit'").fetchone()
    con.close()

    # HTTP: nginx's fixed response, then the server with and without group commit.
    nginx = Nginx(workers=a.threads)
    try:
        results["nginx"] = {c: median_of(a.runs, lambda c=c: wrk(nginx.port, c, a.seconds)) for c in conns}
    finally:
        nginx.stop()
    log(f"nginx: {results['nginx']}")

    for mode in ("group", "single"):
        server = Server(work, group_commit=mode == "group", threads=a.threads)
        try:
            if mode == "group":  # reads first, on the generated data alone
                measure_queries(server, work, summary, results, a, conns)
            env = {"WEIGE_TOKEN": server.token, "LO": str(lo), "HI": str(hi), "UNIT_LO": str(unit_lo),
                   "UNIT_HI": str(unit_hi)}
            if mode == "group":
                # Case reads while the page cache holds the case tables (the server warmed them): the screening
                # run after them reads 10 GB of screening tasks at the city tier, which pushes them out.
                case_lo, case_hi = case_range(work)
                read_env = dict(env, LO=str(case_lo), HI=str(case_hi))
                results["read"] = {c: median_of(a.runs, lambda c=c: wrk(server.port, c, a.seconds, "read.lua", "/",
                                                                         read_env)) for c in conns}
                # The storage floor of a read, right after the HTTP reads (the same warm caches): the rows of a
                # case read alone, on one thread.
                out = run([os.path.join(BUILD, "bench", "weige_bench_case_read"), "--db", work, "--seconds",
                           "2" if a.smoke else "10"]).stdout
                results["read_floor"] = json.loads(out)
                log(f"read floor: {results['read_floor']}")
            results[f"screening_{mode}"] = {c: median_of(a.runs, lambda c=c: wrk(server.port, c, a.seconds,
                                                                                   "screening.lua", "/", env))
                                             for c in conns}
            results[f"intake_{mode}"] = {c: median_of(a.runs, lambda c=c: wrk(server.port, c, a.seconds,
                                                                                "intake.lua", "/", env))
                                         for c in conns}
            if mode == "group":
                results["rss_mib"] = round(server.rss_mib(), 1)
        finally:
            server.stop()
        log(f"{mode}: screening {results[f'screening_{mode}']} intake {results[f'intake_{mode}']}")

    results["prewarm"] = PREWARM
    write_results(results, conns, a.smoke)
    if a.smoke:
        measured = ["intake_group", "read", "inbox", "search"] + [f"dashboard_{k}" for k in DASHBOARD_LEVELS]
        checks = results["query_checks"]
        sane = (results["locate"]["rtree_per_s"] > 0 and results["emergency"]["households"] > 0 and
                summary.get("cases", 0) > 0 and checks["inbox"]["ok"] and checks["search"]["ok"] and
                results["read_floor"]["reads_per_s"] > 0 and results["read_floor"]["rows_per_read"] >= 2 and
                checks["dashboard_ok"] and
                all(results[m][c]["rps"] > 0 and results[m][c]["non_2xx"] == 0 for m in measured for c in conns))
        if not sane:
            sys.exit("bench smoke: a figure is zero, a request failed or a lookup was wrong (see bench/results-smoke.json)")
    log("done: bench/results-smoke.md" if a.smoke else "done: bench/results.md")


# The console's inbox: open cases, newest first, 20 a page (web/src/lib/cases.ts).
OPEN_STATES = "reported,accepted,dispatched,in_progress,resolved,verified,parked,in_review"
# Searches over descriptions (3+ characters: the trigram index), with compound names added per dataset.
SEARCH_PHRASES = ["电梯故障停运", "堵塞消防通道", "高空抛物", "文明养犬宣传"]
DASHBOARD_LEVELS = ("micro_grid", "community", "subdistrict", "city")


def query_paths(db, summary):
    """The inbox pages, searches and dashboard requests of this dataset, and facts to check them against."""
    import sqlite3
    from urllib.parse import quote
    con = sqlite3.connect(db)
    community = summary["inbox_user"]["community_id"]
    subdistrict = con.execute("SELECT parent_id FROM places WHERE id = ?", (community,)).fetchone()[0]
    micro = con.execute("SELECT c.grid_id FROM cases c JOIN grids g ON g.id = c.grid_id AND g.kind = 'micro_grid' "
                        "WHERE c.community_id = ? GROUP BY c.grid_id ORDER BY count(*) DESC LIMIT 1",
                        (community,)).fetchone()[0]
    names = [r[0] for r in con.execute("SELECT name FROM places WHERE kind = 'compound' AND community_id = ? "
                                       "ORDER BY id LIMIT 4", (community,))]
    day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - 364 * 86400))  # a year, in UTC+8 dates
    from_s = calendar.timegm(time.strptime(day, "%Y-%m-%d")) - 8 * 3600
    year_total = con.execute("SELECT count(*) FROM cases WHERE state <> 'merged' AND created_at >= ?",
                             (from_s,)).fetchone()[0]
    con.close()
    base = f"/api/v1/metrics?fields=rates&from={day}"
    return {
        "inbox": [f"/api/v1/cases?state={OPEN_STATES}&sort=-created_at&limit=20&offset={20 * k}" for k in range(5)],
        "search": [f"/api/v1/cases?q={quote(t)}&limit=20" for t in SEARCH_PHRASES + [n for n in names if len(n) >= 3]],
        "dashboard": {"micro_grid": f"{base}&grid_id={micro}", "community": f"{base}&community_id={community}",
                      "subdistrict": f"{base}&subdistrict_id={subdistrict}", "city": base},
        "scan": {"community": f"/api/v1/metrics?from={day}&community_id={community}",
                 "subdistrict": f"/api/v1/metrics?from={day}&subdistrict_id={subdistrict}"},
        "ids": {"community": community, "subdistrict": subdistrict, "micro_grid": micro, "from": day},
        "year_total": year_total,
    }


def measure_queries(server, db, summary, results, a, conns):
    """The staff inbox, full-text search and dashboard rates over HTTP, checked once before timing."""
    q = query_paths(db, summary)
    inbox_token = server.token_for(summary["inbox_user"]["username"])
    admin = {"Authorization": "Bearer " + server.token}
    staff = {"Authorization": "Bearer " + inbox_token}
    checks = {}
    page, _ = request(server.port, "GET", q["inbox"][0], headers=staff)
    everything, _ = request(server.port, "GET", q["inbox"][0], headers=admin)
    checks["inbox"] = {"items": len(page["items"]), "total": page["total"], "unscoped_total": everything["total"],
                       "ok": 0 < len(page["items"]) and page["total"] <= everything["total"]}
    found = [request(server.port, "GET", p, headers=staff)[0]["total"] for p in q["search"]]
    checks["search"] = {"totals": found, "ok": all(n > 0 for n in found)}
    rates = {k: request(server.port, "GET", p, headers=admin)[0] for k, p in q["dashboard"].items()}
    checks["dashboard"] = {k: {"source": r["source"], "total": r["total"],
                               "never_leave_micro_grid": r["never_leave"]["micro_grid"]["value"],
                               "never_leave_community": r["never_leave"]["community"]["value"],
                               "response_rate": r["hotline"]["response_rate"]["value"]} for k, r in rates.items()}
    totals = [rates[k]["total"] for k in DASHBOARD_LEVELS]
    checks["dashboard_ok"] = (all(r["source"] == "rollup" for r in rates.values()) and totals[0] > 0 and
                              totals == sorted(totals) and rates["city"]["total"] == q["year_total"])
    for k, p in q["scan"].items():
        scanned, _ = request(server.port, "GET", p, headers=admin)
        checks["dashboard_ok"] = checks["dashboard_ok"] and scanned["never_leave"] == rates[k]["never_leave"] and \
            scanned["hotline"] == rates[k]["hotline"]
    results["query_checks"] = checks
    results["query_ids"] = q["ids"]
    log(f"checks: {checks}")

    def timed(name, paths, token, cs):
        env = {"WEIGE_TOKEN": token, "PATHS": " ".join(paths)}
        results[name] = {c: median_of(a.runs, lambda c=c: wrk(server.port, c, a.seconds, "paths.lua", "/", env))
                         for c in cs}
        log(f"{name}: {results[name]}")

    timed("health", ["/api/v1/health"], server.token, conns)  # what any request costs before its own work
    timed("inbox", q["inbox"], inbox_token, conns)
    timed("search", q["search"], inbox_token, conns)
    for level in DASHBOARD_LEVELS:
        timed(f"dashboard_{level}", [q["dashboard"][level]], server.token, conns)
    for level, p in q["scan"].items():  # the full scan the rates came from before the rollup, one connection
        timed(f"scan_{level}", [p], server.token, [1])
    results["rss_after_queries_mib"] = round(server.rss_mib(), 1)


def db_breakdown(db):
    """MiB per table and index (with the full-text index's shadow tables), when SQLite has dbstat."""
    import sqlite3
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.Error:
        rows = []
    con.close()
    return {n: round(b / 2**20, 1) for n, b in rows if b >= 2**20 / 10}


def size_figures(results):
    """Database size per million cases, leaving out what this suite's own emergency declarations left behind
    (screening tasks, teams and members of earlier runs that measured on the dataset in place)."""
    cases = results["dataset"].get("cases")
    added = sum(mib for name, mib in results.get("db_tables_mib", {}).items()
                if name.startswith(("screening_tasks", "emergency_", "sqlite_autoindex_screening_tasks",
                                    "sqlite_autoindex_emergency_")))
    results["db_bench_added_mib"] = round(added, 1)
    if cases:
        results["db_mib_per_million_cases"] = round((results["db_mib"] - added) / cases * 1e6, 1)


def case_range(db):
    import sqlite3
    con = sqlite3.connect(db)
    lo, hi = con.execute("SELECT min(id), max(id) FROM cases").fetchone()
    con.close()
    return lo or 1, hi or 1


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def mem_gib():
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 2**20, 1)
    return 0


HTTP_ROWS = (("nginx", "nginx fixed JSON (the HTTP limit)"),
             ("health", "GET /api/v1/health, signed in: the floor of any GET (transport, router, token check, one read)"),
             ("screening_group", "screening update, group commit"),
             ("screening_single", "screening update, one commit per request"),
             ("intake_group", "case intake, group commit"), ("intake_single", "case intake, one commit per request"),
             ("read", "case read by id"), ("inbox", "staff inbox page (community secretary's scope)"),
             ("search", "full-text search (community secretary's scope)"),
             ("dashboard_micro_grid", "dashboard rates, a micro-grid, a year"),
             ("dashboard_community", "dashboard rates, a community, a year"),
             ("dashboard_subdistrict", "dashboard rates, a subdistrict, a year"),
             ("dashboard_city", "dashboard rates, the whole tier, a year"),
             ("scan_community", "full metrics by scanning cases, a community (before: the rates came from this)"),
             ("scan_subdistrict", "full metrics by scanning cases, a subdistrict"))


def growth_lines():
    """Each figure's ratio city/district, when both tiers' results are here."""
    paths = {t: os.path.join(ROOT, "bench", f"results-{t}.json") for t in ("district", "city")}
    if not all(os.path.exists(p) for p in paths.values()):
        return ["", "## Growth from district to city", "",
                "Appears when bench/results-district.json and bench/results-city.json both exist "
                "(run both tiers)."]
    d, c = (json.load(open(paths[t])) for t in ("district", "city"))
    lines = ["", "## Growth from district to city", "",
             f"Ratio city / district of each figure (district run {d['started']}, city run {c['started']}).", "",
             "| figure | district | city | city / district |", "|---|---|---|---|"]

    def row(label, x, y):
        if x and y:
            lines.append(f"| {label} | {x:,.2f} | {y:,.2f} | {y / x:.2f} |")

    for key in ("cases", "households", "micro_grids"):
        row(f"dataset: {key}", d["dataset"].get(key), c["dataset"].get(key))
    row("generation seconds", d["dataset"].get("generation_seconds"), c["dataset"].get("generation_seconds"))
    row("database MiB", d.get("db_mib"), c.get("db_mib"))
    row("database MiB per million cases", d.get("db_mib_per_million_cases"), c.get("db_mib_per_million_cases"))
    row("server RSS MiB", d.get("rss_mib"), c.get("rss_mib"))
    row("server RSS MiB after the queries", d.get("rss_after_queries_mib"), c.get("rss_after_queries_mib"))
    row("locate lookups/s", d["locate"]["rtree_per_s"], c["locate"]["rtree_per_s"])
    for name, label in HTTP_ROWS:
        for conn in sorted(set(d.get(name, {})) & set(c.get(name, {})), key=int):
            row(f"{label}, {conn} conns: req/s", d[name][conn]["rps"], c[name][conn]["rps"])
            row(f"{label}, {conn} conns: p99 ms", d[name][conn]["p99_ms"], c[name][conn]["p99_ms"])
    return lines


def write_results(r, conns, smoke=False):
    """results.md, results.json, results-<tier>.json and the plot; a smoke run writes results-smoke.* only,
    so it never replaces the committed figures."""
    names = ["results-smoke.json"] if smoke else ["results.json", f"results-{r['tier']}.json"]
    for name in names:
        with open(os.path.join(ROOT, "bench", name), "w") as f:
            json.dump(r, f, indent=1, default=str)
    r = json.loads(json.dumps(r, default=str))  # connection keys as text, as in the per-tier files
    conns = [str(c) for c in conns]
    if not smoke:
        plot(r, conns)
    m = r["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Regenerated by `bench/run.sh --tier {r['tier']}` on {r['started']}. Machine: {m['cpus']} cores "
        f"({m['cpu']}), {m['mem_gib']} GiB, Linux {m['kernel']}; loopback only; wrk shares the cores with the "
        f"server, which runs {r.get('threads', 2)} I/O thread(s) (nginx as many workers). HTTP figures are the median of the runs (range in brackets); ratios are to baselines measured "
        "in the same invocation.",
        "",
        "## Dataset",
        "",
        f"Tier `{r['tier']}`: {r['dataset'].get('households')} households, {r['dataset'].get('micro_grids')} "
        f"micro-grids, {r['dataset'].get('persons')} persons, {r['dataset'].get('cases', 0):,} cases over "
        f"{r['dataset'].get('case_days', 0)} days ({r['dataset'].get('cases_per_day', 0):,} a day; "
        f"{r['dataset'].get('open', 0):,} open, {r['dataset'].get('overdue', 0):,} overdue, "
        f"{r['dataset'].get('hotline', 0):,} by the 12345 hotline); generated in "
        f"{r['dataset'].get('generation_seconds')} s (per stage: {r['dataset'].get('stage_seconds', {})}); "
        f"database {r['db_mib']} MiB, **{r.get('db_mib_per_million_cases', '?')} MiB per million cases** "
        + (f"(not counting {r['db_bench_added_mib']} MiB of screening tasks and teams left by earlier runs' "
           "declarations) " if r.get("db_bench_added_mib") else "")
        + f"(largest tables and indexes, MiB: {r.get('db_tables_mib', {})}).",
        "",
        *([f"Measured on the dataset itself (no room on the disk for a working copy): intake's cases were added "
            "to it and the previous run's emergency ended first.", ""] if r.get("in_place") else []),
        "## Point → micro-grid (one core)",
        "",
        f"R-tree: **{r['locate']['rtree_per_s']:,.0f} lookups/s** over {r['locate']['micro_grids']:,} micro-grids; "
        f"brute-force scan: {r['locate']['brute_force_per_s']:,.0f}/s (ratio "
        f"{r['locate']['rtree_per_s'] / r['locate']['brute_force_per_s']:,.0f}×). The R-tree agreed with the scan "
        "on every sampled point before timing.",
        "",
        "## Storage limit: plain SQLite inserts, WAL, synchronous=FULL",
        "",
        "| rows per commit | rows/s |",
        "|---|---|",
    ]
    for b, x in r["sqlite"].items():
        lines.append(f"| {b} | {x['rows_per_s']:,.0f} |")
    if "sqlite_real" in r:
        x = r["sqlite_real"]
        lines += ["", f"The same durability with the real schema (`weige_bench_case_insert`: every index and trigger of "
                  f"`cases` at this tier's size, one 'report' event per case, the search queue drained per commit), "
                  f"{x['batch']} cases per commit over {x['seconds']:.0f} s: **{x['rows_per_s']:,.0f} cases/s**, "
                  f"{x['cpu_us_per_row']:,.0f} µs of CPU per case. One SQLite writer cannot take cases faster "
                  "than this, whatever the HTTP layer does."]
    if "read_floor" in r:
        x = r["read_floor"]
        lines += ["", "## Storage floor of a case read", "",
                  f"`weige_bench_case_read`: the rows `GET /api/v1/cases/{{id}}` reads (the case, its events, "
                  f"attachments, mediation and category; {x['rows_per_read']:.1f} rows a read) for random cases over "
                  f"the tier's id range, one read transaction each, on one thread, right after the HTTP reads: "
                  f"**{x['reads_per_s']:,.0f} reads/s**, {x['cpu_us_per_read']:,.1f} µs of CPU per read. With no HTTP, "
                  "credential, unsealing or JSON work, and both cores, reads could not go faster than "
                  f"{2 * 1e6 / x['cpu_us_per_read']:,.0f}/s on CPU, or than the disk allows when the wall time per "
                  f"read ({1e6 / x['reads_per_s']:,.0f} µs) is above the CPU time."]
    if r.get("prewarm"):
        w = r["prewarm"]
        lines += ["", f"Each server read the case paths' tables into the OS page cache before it was measured "
                  f"(`weige serve` does so at start, store/prewarm.h): {', '.join(str(x['seconds']) + ' s' for x in w)} "
                  f"until health said {w[0]['state']!r}."]
    e = r["emergency"]
    lines += [
        "",
        "## Declaring an emergency over the whole tier",
        "",
        f"{e['households']:,} households, {e['buildings']:,} buildings, {e['teams']:,} teams, {e['members']:,} "
        f"members: **{e['seconds']:.1f} s** to the commit ({e['tasks_per_s']:,.0f} screening tasks/s)"
        + (f", with the server's {e['cache_mib']} MiB page cache" if "cache_mib" in e else "") + ".",
        *([f"Per step, s: {', '.join(f'{k} {v:.1f}' for k, v in e['stage_seconds'].items())}. Repeated cold and "
           "warm runs: bench/emergency.md."] if "stage_seconds" in e else []),
        "",
        "## HTTP on loopback",
        "",
        "| measurement | conns | req/s | p50 ms | p99 ms | ratio to nginx | non-2xx | server CPU µs/req | wrk CPU µs/req |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, label in HTTP_ROWS:
        for c in conns:
            if c not in r.get(name, {}):
                continue
            x = r[name][c]
            ratio = x["rps"] / r["nginx"][c]["rps"]
            lines.append(f"| {label} | {c} | {x['rps']:,.0f} [{x['rps_min']:,.0f}–{x['rps_max']:,.0f}] | "
                         f"{x['p50_ms']:.2f} | {x['p99_ms']:.2f} | {ratio:.2f} | {x['non_2xx']} | "
                         f"{fmt_us(x.get('server_cpu_us'))} | {fmt_us(x.get('wrk_cpu_us'))} |")
    lines += cpu_bound_lines(r, conns[-1])
    s1 = r["sqlite"]["1"]["rows_per_s"]
    lines += [
        "",
        f"Durable writes against the storage limit at one row per commit ({s1:,.0f} rows/s): case intake with "
        f"group commit at {conns[-1]} connections is {r['intake_group'][conns[-1]]['rps'] / s1:.2f}×, without "
        f"{r['intake_single'][conns[-1]]['rps'] / s1:.2f}×.",
        "",
        f"Server resident memory after the run: {r['rss_mib']} MiB (after the inbox, search and dashboard runs: "
        f"{r.get('rss_after_queries_mib')} MiB).",
        "",
        "The inbox is `GET /api/v1/cases` with the console's open states, newest first, 20 a page (pages 1-5), as a "
        "community secretary (scope: the community's grids). The search is `q=` with 3+ characters (the trigram "
        "index) over phrases and compound names, in the same scope. The dashboard rates are `GET /api/v1/metrics?"
        "fields=rates` over the last 365 days, read from the rollup tables (migrations 0007 and 0012: whole months from the month rows, the days around them from the day rows). Checked before timing: "
        f"{json.dumps(r.get('query_checks', {}), ensure_ascii=False)}",
        "",
        "![throughput and p99 against connections](throughput.png)",
    ]
    lines += growth_lines()
    lines.append("")
    with open(os.path.join(ROOT, "bench", "results-smoke.md" if smoke else "results.md"), "w") as f:
        f.write("\n".join(lines))


def fmt_us(v):
    return "–" if v is None else f"{v:,.0f}"


def cpu_bound_lines(r, conn):
    """What the 2 cores allow for each measurement: the CPU time one request costs the server and wrk,
    turned into the most requests/s the cores could serve (with wrk sharing them, and without)."""
    cores = r["machine"]["cpus"]
    lines = ["", f"### CPU per request at {conn} connections: what {cores} cores allow", "",
             f"Each figure's CPU time per request (server from /proc, wrk from its rusage) bounds the rate: "
             f"{cores} cores / (server + wrk) with wrk on the same cores, {cores} cores / server alone if the load "
             "came from elsewhere. A measured rate near the first bound means the cores are the limit.", "",
             "| measurement | req/s | server µs/req | wrk µs/req | bound, shared (req/s) | bound, server alone (req/s) |",
             "|---|---|---|---|---|---|"]
    for name, label in HTTP_ROWS:
        x = r.get(name, {}).get(conn)
        if not x or not x.get("server_cpu_us"):
            continue
        shared = cores * 1e6 / (x["server_cpu_us"] + x["wrk_cpu_us"])
        alone = cores * 1e6 / x["server_cpu_us"]
        lines.append(f"| {label} | {x['rps']:,.0f} | {x['server_cpu_us']:,.0f} | {x['wrk_cpu_us']:,.0f} | "
                     f"{shared:,.0f} | {alone:,.0f} |")
    return lines


def plot(r, conns):
    if not shutil.which("gnuplot"):
        return
    tmp = tempfile.mkdtemp()
    series = [(k, t) for k, t in (("nginx", "nginx"), ("intake_group", "intake (group commit)"),
                                  ("intake_single", "intake (single)"), ("screening_group", "screening (group commit)"),
                                  ("read", "read by id"), ("inbox", "inbox page"), ("search", "full-text search"),
                                  ("dashboard_city", "dashboard rates (city)")) if k in r]
    for key, _ in series:
        with open(os.path.join(tmp, key + ".dat"), "w") as f:
            for c in conns:
                f.write(f"{c} {r[key][c]['rps']} {r[key][c]['p99_ms']}\n")
    png = os.path.join(ROOT, "bench", "throughput.png")
    rps = ", ".join(f"'{tmp}/{k}.dat' using 1:2 with linespoints title '{t}'" for k, t in series)
    p99 = ", ".join(f"'{tmp}/{k}.dat' using 1:3 with linespoints title '{t}'" for k, t in series)
    script = f"""set terminal pngcairo size 1200,500 font ',10'
set output '{png}'
set multiplot layout 1,2
set logscale x 2
set xlabel 'connections'
set ylabel 'requests/s'
set key top left
plot {rps}
set ylabel 'p99 latency (ms)'
set logscale y
plot {p99}
unset multiplot
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=False)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
