"""The markdown report of bench/http, and where it goes in bench/RESULTS.md."""

import os
import platform
import statistics
from pathlib import Path

BEGIN, END = "<!-- bench/http:begin -->", "<!-- bench/http:end -->"


def machine():
    mem = "?"
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), {mem}"


def med(runs, key):
    return statistics.median(r[key] for r in runs) if runs else None


def num(x, digits=0):
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(a, b):
    return "—" if not a or not b else f"{a / b:.3f}" if a / b < 1 else f"{a / b:.1f}"


def size(n):
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def build(args, plan, results, mix, cold, cpu, memory, ready_ms, files, q, versions):
    lines = [
        "## Over HTTP, beside Datasette and nginx (`bench/run --http`)",
        "",
        f"Machine: {machine()}. Each server pinned to core 0, `wrk -t1 -c{args.connections} -d{args.seconds}s` pinned to core 1;"
        f" peers interleaved question by question, median of {args.rounds} round(s). Data set: scale {args.scale};"
        f" the country asked about is {q['country']}, the partnership {q['partnership']} (the one with the most activities),"
        f" the period the 365 days to {q['today']}. nginx serves Amity's own answer bytes as files (the machine's ceiling);"
        " Datasette answers the questions that are plain SQL on the same file.",
        "",
        "Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        "",
        "| question | bytes | Amity rps | p50 ms | p99 ms | Datasette rps | p99 ms | nginx rps | Amity / nginx | Amity / Datasette |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, _path, _how, _sql in plan:
        r = results[name]
        a, d, n = r.get("amity", []), r.get("datasette", []), r.get("nginx", [])
        lines.append(
            f"| {name} | {size(len(files[name][1]))} | {num(med(a, 'rps'))} | {num(med(a, 'p50_ms'), 1)} | {num(med(a, 'p99_ms'), 1)}"
            f" | {num(med(d, 'rps'))} | {num(med(d, 'p99_ms'), 1)} | {num(med(n, 'rps'))}"
            f" | {ratio(med(a, 'rps'), med(n, 'rps'))} | {ratio(med(a, 'rps'), med(d, 'rps'))} |")
    lines.append(f"| write mix: 9 reads (a partnership, a country's partnerships, the partner page) to 1 activity logged | — | {num(med(mix, 'rps'))}"
                 f" | {num(med(mix, 'p50_ms'), 1)} | {num(med(mix, 'p99_ms'), 1)} | — | — | — | — | — |")
    lines += ["", "First answer from a server started afresh (\"cold\": the process's caches empty, the OS page cache warm), median of 3:", "",
              "| question | Amity ms | Datasette ms |", "| --- | ---: | ---: |"]
    for name, c in cold.items():
        lines.append(f"| {name} | {num(c.get('amity'), 1)} | {num(c.get('datasette'), 1)} |")
    pss = max((m[0] for m in memory), default=None)
    anon = max((m[1] for m in memory), default=None)
    lines += ["",
              f"Amity ready to answer {num(ready_ms, 0)} ms after it was started. Memory of Amity under load (the largest"
              f" reading, from /proc/PID/smaps_rollup): proportional set size {num(pss, 0)} MiB, anonymous {num(anon, 0)} MiB"
              " (resident size would count the memory-mapped database once per pooled connection).",
              "CPU-seconds during the warm runs: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(cpu.items())) + ".", ""]
    return "\n".join(lines)


def write_section(path, report):
    text = path.read_text() if path.exists() else ""
    block = f"{BEGIN}\n{report}\n{END}"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
