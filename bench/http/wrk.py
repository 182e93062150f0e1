"""Runs `wrk` against one URL and reads its report."""

import re
import shutil
import subprocess

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"not a wrk latency: {text!r}")
    return float(m.group(1)) * UNITS[m.group(2)]


def parse(out):
    """Requests per second, p50 and p99 in milliseconds, and the count of failed answers."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    if not (rps and p50 and p99):
        raise ValueError("wrk printed no latency distribution:\n" + out)
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(x) for x in sock.groups())
    requests = re.search(r"(\d+) requests in", out)
    return {"rps": float(rps.group(1)), "p50_ms": ms(p50.group(1)), "p99_ms": ms(p99.group(1)), "errors": errors,
            "requests": int(requests.group(1)) if requests else 0}


def run(binary, core, url, headers, seconds, connections, script=None, env=None):
    argv = ["taskset", "-c", core] if core is not None and shutil.which("taskset") else []
    argv += [binary, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    if script:
        argv += ["-s", script]
    for k, v in headers.items():
        argv += ["-H", f"{k}: {v}"]
    argv.append(url)
    out = subprocess.run(argv, check=True, text=True, capture_output=True, env=env).stdout
    return parse(out)


if __name__ == "__main__":
    sample = """Running 1s test @ http://127.0.0.1:1/
  1 threads and 32 connections
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.10ms
     99%    1.50s
  1234 requests in 1.00s, 2.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1234.56
"""
    r = parse(sample)
    assert r == {"rps": 1234.56, "p50_ms": 0.812, "p99_ms": 1500.0, "errors": 3, "requests": 1234}, r
    print("ok")
