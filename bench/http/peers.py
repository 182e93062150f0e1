"""The servers bench/http runs side by side (Amity, nginx, Datasette) and what it reads from them."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def ensure_tool(cmd, package, path=None):
    """The path of `cmd`, installing the Debian `package` when it is missing and we are root."""
    found = shutil.which(cmd) or (path if path and os.path.exists(path) else None)
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit(f"bench/http: `{cmd}` is missing; install it with: apt-get install {package}")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", package], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)
    return shutil.which(cmd) or path


def ensure_datasette(venv, spec):
    """Datasette in its own virtualenv (from PyPI), or None (then its column is left out, and said so)."""
    exe = venv / "bin" / "datasette"
    if exe.exists():
        return str(exe)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", spec], check=True, capture_output=True)
    except subprocess.CalledProcessError as e:
        print(f"bench/http: Datasette could not be installed ({(e.stderr or b'').decode()[-300:]}): it is SKIPPED", file=sys.stderr)
        return None
    return str(exe)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url, proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench/http: a server exited while starting ({url})")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.005)
    raise SystemExit(f"bench/http: {url} did not answer within {timeout:.0f} s")


def tree(pid):
    """`pid` and its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


def cpu_of(pid):
    total = 0.0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
        except (OSError, IndexError, ValueError):
            pass
    return total


class Servers:
    def __init__(self, work, core):
        self.work, self.core = work, core
        self.procs, self.ready_ms = {}, {}

    def _start(self, name, argv, probe_path, port):
        log = open(self.work / f"{name}.log", "ab")
        pin = ["taskset", "-c", self.core] if self.core is not None and shutil.which("taskset") else []
        started = time.perf_counter()
        proc = subprocess.Popen(pin + argv, stdout=log, stderr=log, cwd=self.work)
        wait_until_answers(f"http://127.0.0.1:{port}{probe_path}", proc)
        self.ready_ms[name] = (time.perf_counter() - started) * 1000
        self.procs[name] = proc
        return port

    def amity(self, binary, url):
        self.stop("amity")
        port = free_port()
        self.amity_argv = (binary, url)
        return self._start("amity", [binary, "serve", "--listen", f"127.0.0.1:{port}", "--database", url, "--no-demo"], "/healthz", port)

    def nginx(self, binary, files):
        root = self.work / "nginx"
        (root / "files").mkdir(parents=True, exist_ok=True)
        locations = []
        for path, body, ctype in files.values():
            f = root / "files" / path.lstrip("/")
            f.write_bytes(body)
            f.chmod(0o644)
            ctype = ctype.split(";")[0].strip() or "application/octet-stream"
            locations.append(f'    location = {path} {{ default_type "{ctype}"; alias {f}; }}')
        port = free_port()
        temp = " ".join(f"{k}_temp_path {root}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = root / "nginx.conf"
        conf.write_text(f"""worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  {temp}
  server {{
    listen 127.0.0.1:{port};
{chr(10).join(locations)}
  }}
}}
""")
        first = next(iter(files.values()))[0]
        return self._start("nginx", [binary, "-c", str(conf), "-p", str(root)], first, port)

    def datasette(self, binary, db):
        port = free_port()
        argv = [binary, "serve", str(db), "-h", "127.0.0.1", "-p", str(port),
                "--setting", "max_returned_rows", "100000", "--setting", "sql_time_limit_ms", "120000"]
        self.datasette_argv = (binary, db)
        return self._start("datasette", argv, "/-/versions.json", port)

    def cpu_seconds(self):
        return {name: cpu_of(p.pid) for name, p in self.procs.items()}

    def memory(self, name):
        """(proportional set size, anonymous) of `name` in MiB, from /proc/PID/smaps_rollup."""
        text = Path(f"/proc/{self.procs[name].pid}/smaps_rollup").read_text()
        kib = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+):\s+(\d+) kB", text, re.M)}
        return kib.get("Pss", 0) / 1024, kib.get("Anonymous", 0) / 1024

    def cold_latencies(self, plan, auth, datasette_targets, repeats=3):
        """Milliseconds of each question's first answer from a server started afresh (median of `repeats`)."""
        out = {}
        for name, path, how, _ in plan:
            times = {"amity": [], "datasette": []}
            for _ in range(repeats):
                port = self.amity(*self.amity_argv)
                times["amity"].append(first_answer_ms(f"http://127.0.0.1:{port}{path}", auth[how]))
                if datasette_targets and "datasette" in datasette_targets.get(name, {}):
                    self.stop("datasette")
                    dport = self.datasette(*self.datasette_argv)
                    url = re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{dport}", datasette_targets[name]["datasette"][0])
                    times["datasette"].append(first_answer_ms(url, {}))
            out[name] = {k: sorted(v)[len(v) // 2] for k, v in times.items() if v}
        return out

    def versions(self, amity, datasette, nginx, wrk):
        def out(argv):
            try:
                r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
                line = (r.stdout + r.stderr).strip().splitlines()[0]
                return re.sub(r"^(nginx version: |datasette, version )", "", line).split(" Copyright")[0]
            except (OSError, IndexError, subprocess.TimeoutExpired):
                return "unknown"
        v = {"amity": out([amity, "--version"]), "nginx": out([nginx, "-v"]), "wrk": out([wrk, "-v"])}
        if datasette:
            v["datasette"] = out([datasette, "--version"])
            v["datasette's SQLite"] = out([str(Path(datasette).parent / "python"), "-c", "import sqlite3; print(sqlite3.sqlite_version)"])
        return v

    def stop(self, name=None):
        for n in [name] if name else list(self.procs):
            p = self.procs.pop(n, None)
            if p and p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()


def first_answer_ms(url, headers):
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=300) as r:
        r.read()
    return (time.perf_counter() - started) * 1000


def coverage_sql(bin_dir, db, start, end):
    """The coverage matrix's aggregate SQL as Amity runs it (from `coverage-sql`), or None."""
    try:
        r = subprocess.run([f"{bin_dir}/coverage-sql", "--database", f"sqlite:{db}", "--from", str(start), "--to", str(end)],
                           capture_output=True, text=True)
    except OSError:
        return None
    return r.stdout.strip().rstrip(";") if r.returncode == 0 and r.stdout.strip() else None


def datasette_url(port, sql, params):
    return f"http://127.0.0.1:{port}/national.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array", **params})
