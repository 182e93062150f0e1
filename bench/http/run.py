#!/usr/bin/env python3
"""Amity over HTTP, beside Datasette and nginx, on the national data set.

`bench/run --http [--smoke]` calls this with the release binaries it built. It copies the data set
(so the original stays untouched), starts each server pinned to one core (`taskset`), runs `wrk`
pinned to another, interleaves the peers scenario by scenario, and reports the median of the rounds:
requests per second, p50 and p99 latency, the ratios Amity/nginx and Amity/Datasette, first-request
("cold") latencies, CPU-seconds per server and Amity's memory (proportional and anonymous).

Peers:
  nginx      serves Amity's own response bytes for each question as static files: the ceiling.
  Datasette  (PyPI, in a virtualenv under the work directory) answers the same questions as SQL on
             the same SQLite file, where a question is plain SQL.
Everything is started on 127.0.0.1 and stopped at the end.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers  # noqa: E402
import report  # noqa: E402
import wrk  # noqa: E402

DATASETTE = "datasette==0.65.1"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin-dir", required=True, help="where amity, generate and measure were built (target/release)")
    p.add_argument("--data", required=True, help="the national SQLite file (generated when missing)")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--smoke", action="store_true", help="one short round of everything (CI)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=int, default=8)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--results", help="write the report into this markdown file's HTTP section")
    a = p.parse_args()
    if a.smoke:
        a.rounds, a.seconds = 1, 1
    a.bin_dir = os.path.abspath(a.bin_dir)
    return a


def cores():
    """The server's core and the load tool's core, or None when the machine has one."""
    n = os.cpu_count() or 1
    return ("0", "1") if n >= 2 else (None, None)


def pinned(core, argv):
    return (["taskset", "-c", core] if core is not None and shutil.which("taskset") else []) + argv


def run(argv, **kw):
    return subprocess.run(argv, check=True, text=True, capture_output=True, **kw)


def prepare_data(args, work):
    data = Path(args.data)
    if not data.exists():
        data.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating the data set at scale {args.scale} into {data} …", flush=True)
        subprocess.run([f"{args.bin_dir}/generate", "--database", f"sqlite:{data}", "--scale", str(args.scale)], check=True)
    copy = work / "national.db"
    src = sqlite3.connect(f"file:{data}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return copy


def questions(db):
    """The ids and parameters the scenarios ask about, chosen from the data."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    country, _ = con.execute(
        "SELECT c.country, COUNT(*) n FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id "
        "GROUP BY c.country ORDER BY n DESC LIMIT 1").fetchone()
    # The partnership with the most activities: the partner page with the most to show.
    (pid,) = con.execute(
        "SELECT partnership_id FROM activity_partnerships GROUP BY partnership_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    (last_day,) = con.execute("SELECT MAX(start_day) FROM activities WHERE status = 'done'").fetchone()
    (unit,) = con.execute("SELECT home_unit_id FROM partnerships WHERE id = ?", (pid,)).fetchone()
    (field,) = con.execute("SELECT code FROM fields ORDER BY position LIMIT 1").fetchone()
    con.close()
    return {"country": country, "partnership": pid, "today": last_day, "unit": unit, "field": field}


def mix_config(work, q, token):
    """The write mix's settings for mix.lua: its read paths, the token and the activity it logs."""
    body = json.dumps({"kind": "meeting", "title": "bench/http write mix", "start_on": q["today"][:10], "status": "done",
                       "owner_unit_id": q["unit"], "partnership_ids": [q["partnership"]], "fields": [q["field"]]})
    reads = [f"/api/v1/partnerships/{q['partnership']}", f"/api/v1/partnerships?country={q['country']}&per_page=500",
             f"/partnerships/{q['partnership']}"]
    path = work / "mix-config.lua"
    lua = lambda s: json.dumps(s)  # a JSON string is a valid Lua string literal for this text
    path.write_text(f"token = {lua(token)}\nbody = {lua(body)}\nreads_paths = {{ {', '.join(lua(r) for r in reads)} }}\n")
    return path


def scenarios(q, feed_path):
    import datetime as dt
    today = dt.date.fromisoformat(q["today"][:10])
    start = today - dt.timedelta(days=364)
    partnership_sql = (
        "SELECT p.id, p.kind, p.status, p.established, p.established_basis, p.home_unit_id, c.name_en, c.name_zh, "
        "c.country, c.lat, c.lon, c.population, p.version FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id")
    return [
        # name, path, auth ("token" or "session"), Datasette SQL (None: no such question there)
        ("one partnership by id (JSON)", f"/api/v1/partnerships/{q['partnership']}", "token",
         (partnership_sql + " WHERE p.id = :id", {"id": q["partnership"]})),
        ("partnerships of one country (JSON)", f"/api/v1/partnerships?country={q['country']}&per_page=500", "token",
         (partnership_sql + " WHERE c.country = :cc ORDER BY c.sort_key LIMIT 500", {"cc": q["country"]})),
        ("coverage matrix, 365 days (JSON)", f"/api/v1/coverage?from={start}&to={today}", "token", "coverage"),
        ("needs attention (JSON)", "/api/v1/attention", "token", None),
        ("partner page (HTML)", f"/partnerships/{q['partnership']}", "session", None),
        ("partner list of one country (HTML)", f"/partnerships?country={q['country']}", "session", None),
        ("city search `san` (JSON)", "/api/v1/cities?q=san", "token", None),
        ("private iCalendar feed", feed_path, "none", None),
    ], (start, today)


def sign_in(base, username, password):
    """A session cookie for `username`, by the sign-in form as a browser does it."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/login").read().decode()
    m = re.search(r'name="_csrf" value="([^"]+)"', html)
    if not m:
        raise SystemExit("bench/http: the sign-in page has no _csrf field")
    body = urllib.parse.urlencode({"username": username, "password": password, "next": "/", "_csrf": m.group(1)}).encode()
    opener.open(urllib.request.Request(f"{base}/login", data=body, method="POST"))
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar if c.name.startswith("amity"))
    if "session" not in cookies:
        raise SystemExit("bench/http: signing in gave no session cookie")
    return cookies


def fetch(url, headers):
    req = urllib.request.Request(url, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        body = r.read()
        ctype = r.headers.get("content-type", "")
    return body, ctype, time.perf_counter() - started


def main():
    args = parse_args()
    server_core, load_core = cores()
    wrk_bin = peers.ensure_tool("wrk", "wrk")
    nginx_bin = peers.ensure_tool("nginx", "nginx-light", "/usr/sbin/nginx")
    work = Path(tempfile.mkdtemp(prefix="amity-bench-http-"))
    work.chmod(0o755)  # nginx's worker runs as another user and must read the files
    venv = Path(args.bin_dir).parent / "bench-http" / "venv"
    datasette_bin = peers.ensure_datasette(venv, DATASETTE)
    amity = f"{args.bin_dir}/amity"
    servers = None
    try:
        db = prepare_data(args, work)
        q = questions(db)
        url = f"sqlite:{db}"
        password = "bench-http-password-1"
        subprocess.run([amity, "user", "add", "bench", "--role", "coordinator", "--database", url, "--password-stdin"],
                       input=password + "\n", text=True, check=True, capture_output=True)
        token = run([amity, "user", "token", "bench", "--database", url]).stdout.strip().split()[-1]
        servers = peers.Servers(work, server_core)
        a_port = servers.amity(amity, url)
        base = f"http://127.0.0.1:{a_port}"
        ready_ms = servers.ready_ms["amity"]
        cookie = sign_in(base, "bench", password)
        req = urllib.request.Request(f"{base}/api/v1/calendar/feed", method="POST", headers={"Authorization": f"Bearer {token}"})
        feed_path = json.loads(urllib.request.urlopen(req).read())["path"]
        plan, period = scenarios(q, feed_path)
        auth = {"token": {"Authorization": f"Bearer {token}"}, "session": {"Cookie": cookie}, "none": {}}
        coverage_sql = peers.coverage_sql(args.bin_dir, db, *period)

        # nginx serves exactly the bytes Amity answers.
        files = {}
        for i, (name, path, how, _) in enumerate(plan):
            body, ctype, _ = fetch(base + path, auth[how])
            files[name] = (f"/s{i}", body, ctype)
        n_port = servers.nginx(nginx_bin, files)
        d_port = servers.datasette(datasette_bin, db) if datasette_bin else None

        targets = {}
        for name, path, how, sql in plan:
            t = {"amity": (base + path, auth[how]), "nginx": (f"http://127.0.0.1:{n_port}{files[name][0]}", {})}
            if d_port and sql:
                if sql == "coverage":
                    sql = (coverage_sql, {}) if coverage_sql else None
                if sql:
                    t["datasette"] = (peers.datasette_url(d_port, *sql), {})
            targets[name] = t

        cpu_before = servers.cpu_seconds()
        results = {name: {peer: [] for peer in t} for name, t in targets.items()}
        memory, mix = [], []
        mix_env = {**os.environ, "AMITY_MIX_CONFIG": str(mix_config(work, q, token))}
        mix_script = str(Path(__file__).resolve().parent / "mix.lua")
        for r in range(args.rounds):
            for name, t in targets.items():
                for peer, (u, headers) in t.items():
                    res = wrk.run(wrk_bin, load_core, u, headers, args.seconds, args.connections)
                    results[name][peer].append(res)
                    if peer == "amity":
                        memory.append(servers.memory("amity"))
                    print(f"  round {r + 1} · {name} · {peer}: {res['rps']:.0f} rps, p99 {res['p99_ms']:.1f} ms"
                          + (f", {res['errors']} errors" if res["errors"] else ""), flush=True)
            res = wrk.run(wrk_bin, load_core, base, {}, args.seconds, args.connections, mix_script, mix_env)
            mix.append(res)
            print(f"  round {r + 1} · write mix · amity: {res['rps']:.0f} rps, p99 {res['p99_ms']:.1f} ms"
                  + (f", {res['errors']} errors" if res["errors"] else ""), flush=True)
        cpu = {k: v - cpu_before.get(k, 0.0) for k, v in servers.cpu_seconds().items()}

        cold = servers.cold_latencies(plan, auth, targets if d_port else None)
        text = report.build(args, plan, results, mix, cold, cpu, memory, ready_ms, files, q, servers.versions(amity, datasette_bin, nginx_bin, wrk_bin))
        print(text)
        failed = [f"{n} · {p}" for n, by in results.items() for p, rs in by.items() if any(x["errors"] for x in rs)]
        failed += ["write mix"] if any(x["errors"] for x in mix) else []
        if args.results and not args.smoke:
            report.write_section(Path(args.results), text)
        if failed:
            print("bench/http: non-2xx answers or socket errors in: " + "; ".join(failed), file=sys.stderr)
            return 1
        return 0
    finally:
        if servers:
            servers.stop()
        if os.environ.get("BENCH_HTTP_KEEP"):
            print(f"bench/http: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
