#!/usr/bin/env python3
"""Side-by-side benchmark runner: Weir against Node 20, interleaved in one session.

Micro scenarios: each round runs one JMH class (Weir) and then the Node script with the same
scenarios (A B A B ...), for several rounds; the allocation figures come from JMH's
`-prof gc` (gc.alloc.rate.norm, bytes per operation).
Macro scenarios run the samples (tunnel, file server, slow clients) against Node programs
doing the same job, all on 127.0.0.1 and bounded in time and size.

Prints each scenario's median, min-max and the Weir/Node ratio, and rewrites
benchmarks/RESULTS.md (and benchmarks/slow-clients.svg). Standard library only.
Usually started through benchmarks/run.sh, which builds the jars first.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
ROOT = BENCH.parent
NODE_DIR = BENCH / "node"
CLK_TCK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024
GIB = 1024 * MIB

# ---- settings ----------------------------------------------------------------------------

QUICK = {
    "rounds": 2,
    "jmh": ["-f", "1", "-wi", "2", "-w", "700ms", "-i", "2", "-r", "500ms"],
    "node": ["--warmup", "1", "--time", "1"],
    "tunnel_bytes": 512 * MIB, "tunnel_rounds": 1,
    "wrk_seconds": 3, "wrk_warmup": (2, 2), "fs_rounds": 1, "big_file": 64 * MIB,
    "big_curls": 3,
    "slow_seconds": 6, "slow_configs": [(100, MIB), (500, MIB)],
    "slow_servers": ["weir-xmx128m", "node"],
}
FULL = {
    "rounds": 3,
    "jmh": ["-f", "1", "-wi", "3", "-w", "1s", "-i", "3", "-r", "1s"],
    "node": ["--warmup", "2", "--time", "3"],
    "tunnel_bytes": 2 * GIB, "tunnel_rounds": 2,
    # wrk_warmup: seconds of 1 KiB and of 1 MiB requests before the measured ones.
    "wrk_seconds": 10, "wrk_warmup": (10, 5), "fs_rounds": 2, "big_file": 256 * MIB,
    "big_curls": 5,
    "slow_seconds": 25,
    "slow_configs": [(100, 100 * 1024), (100, MIB), (500, 100 * 1024), (500, MIB)],
    "slow_servers": ["weir-xmx128m", "weir-default", "node"],
}

# JMH class -> Node script, and JMH benchmark method -> scenario id (the Node script's name)
GROUPS = [
    ("PipeBenchmark", "pipe.js"),
    ("ObjectModeBenchmark", "objects.js"),
    ("DrainBenchmark", "drain.js"),
    ("LoopBenchmark", "loop.js"),
    ("EmitterBenchmark", "emit.js"),
    ("BufferBenchmark", "buffer.js"),
]
JMH_SCENARIO = {
    "PipeBenchmark.readableToWritable": "pipe.readable-writable",
    "PipeBenchmark.readableToPassThroughToWritable": "pipe.passthrough",
    "PipeBenchmark.readableToTransformToWritable": "pipe.transform",
    "ObjectModeBenchmark.objectModePipe": "objects.pipe",
    "DrainBenchmark.writeDrainLoop": "drain.loop",
    "LoopBenchmark.nextTick": "loop.nextTick",
    "LoopBenchmark.queueMicrotask": "loop.queueMicrotask",
    "LoopBenchmark.setImmediate": "loop.setImmediate",
    "LoopBenchmark.timerStorm": "loop.timerStorm",
    "EmitterBenchmark.emitOneListener": "emit.one",
    "EmitterBenchmark.emitThreeListeners": "emit.three",
    "BufferBenchmark.fromAscii": "buffer.fromAscii",
    "BufferBenchmark.toStringAscii": "buffer.toStringAscii",
    "BufferBenchmark.fromMixed": "buffer.fromMixed",
    "BufferBenchmark.toStringMixed": "buffer.toStringMixed",
}
UNITS = {"pipe": "chunks/s", "objects": "objects/s", "drain": "writes/s", "loop": "callbacks/s",
         "emit": "emits/s", "buffer": "conversions/s"}

# Per-connection bound of what a file-streaming server may hold (slow clients): the socket's
# writable high-water mark (16 KiB), the ReadStream's (64 KiB) and one 64 KiB chunk in flight.
SLOW_BOUND_PER_CLIENT = (16 + 64 + 64) * 1024

# ---- small helpers -----------------------------------------------------------------------


class Log:
    """Echoes to the terminal and keeps everything for the run directory."""

    def __init__(self, path):
        self.f = open(path, "w")

    def __call__(self, *parts):
        line = " ".join(str(p) for p in parts)
        print(line, flush=True)
        self.f.write(line + "\n")
        self.f.flush()


COMMANDS = []  # every distinct command line template, for RESULTS.md
RUNDIR = [None]  # the run's log directory, set by main()
SERVER_RUNS = [0]


def note_command(kind, argv):
    text = " ".join(shlex.quote(str(a)) for a in argv)
    text = text.replace(str(ROOT) + "/", "")
    text = re.sub(r"--port \d+", "--port P", text)
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    text = re.sub(r"/tmp/\S+", "…", text)
    entry = (kind, text)
    if entry not in COMMANDS:
        COMMANDS.append(entry)


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


LOADS = []


def sample_load():
    LOADS.append(loadavg())


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_total():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def version_of(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        text = (out.stdout + out.stderr).strip().splitlines()
        return " / ".join(t.strip() for t in text[:2]) if text else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not installed"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def proc_cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 of stat; after the ")" they are 12th and 13th
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return float("nan")


def proc_status(pid, key):
    """VmRSS / VmHWM etc. in bytes, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_num(x, digits=3):
    if x is None:
        return "—"
    if x == 0:
        return "0"
    mag = abs(x)
    if mag >= 1e6:
        return f"{x / 1e6:.2f} M"
    if mag >= 1e4:
        return f"{x / 1e3:.1f} k"
    if mag >= 100:
        return f"{x:.0f}"
    return f"{x:.{digits}g}"


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}×"


class Server:
    """A server process under test, with its stdout kept in a list of lines."""

    def __init__(self, name, argv, port, log, env=None):
        self.name = name
        self.port = port
        self.lines = []
        note_command(name, argv)
        log(f"  start {name}: {' '.join(str(a) for a in argv)}")
        self.proc = subprocess.Popen([str(a) for a in argv], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, env=env,
                                     cwd=ROOT)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if not wait_port(port, self.proc):
            self.stop()
            raise RuntimeError(f"{name} did not listen on {port}: "
                               + " | ".join(self.lines[-5:]))

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def pid(self):
        return self.proc.pid

    def cpu(self):
        return proc_cpu_seconds(self.pid)

    def hwm(self):
        return proc_status(self.pid, "VmHWM")

    def rss(self):
        return proc_status(self.pid, "VmRSS")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.reader.join(5)
        if RUNDIR[0]:
            SERVER_RUNS[0] += 1
            (RUNDIR[0] / f"server-{SERVER_RUNS[0]:02d}-{self.name}.log").write_text(
                "\n".join(self.lines) + "\n")


# ---- micro benchmarks --------------------------------------------------------------------


def run_jmh(cls, cfg, jar, rundir, rnd, log):
    out = rundir / f"jmh-{cls}-{rnd}.json"
    argv = ["java", "-jar", str(jar), rf"^dev\.weir\.benchmarks\.{cls}\.", *cfg["jmh"],
            "-prof", "gc", "-rf", "json", "-rff", str(out)]
    note_command("weir (JMH)", argv[:3] + ["<Class>"] + argv[4:-1] + ["<file>.json"])
    with open(rundir / f"jmh-{cls}-{rnd}.log", "w") as lf:
        subprocess.run(argv, stdout=lf, stderr=subprocess.STDOUT, timeout=900, cwd=ROOT)
    results = {}
    jvm = None
    text = (rundir / f"jmh-{cls}-{rnd}.log").read_text(errors="replace")
    if "<failure>" in text:
        log(f"  JMH {cls}: a benchmark failed (see {rundir.name}/jmh-{cls}-{rnd}.log)")
    try:
        data = json.loads(out.read_text())
    except (OSError, ValueError):
        log(f"  JMH {cls} produced no results (see {rundir.name}/jmh-{cls}-{rnd}.log)")
        return results, jvm
    for b in data:
        short = b["benchmark"].rsplit(".", 2)
        key = JMH_SCENARIO.get(short[-2] + "." + short[-1])
        if key is None:
            continue
        if b.get("params", {}).get("sink"):
            key += "." + b["params"]["sink"]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        results[key] = {"ops": b["primaryMetric"]["score"], "alloc": alloc}
        jvm = {"jvm": b.get("jvm"), "jvmArgs": b.get("jvmArgs"), "vm": b.get("vmName", "")
               + " " + b.get("vmVersion", "")}
    return results, jvm


def run_node(script, cfg, rundir, rnd, log):
    argv = ["node", str(NODE_DIR / script), *cfg["node"]]
    note_command("node", argv[:1] + ["benchmarks/node/<script>.js"] + argv[2:])
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=900, cwd=ROOT)
    (rundir / f"node-{script}-{rnd}.log").write_text(proc.stdout + proc.stderr)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            d = json.loads(line[6:])
            results[d["scenario"]] = {"ops": d["ops_per_s"]}
    if proc.returncode != 0:
        log(f"  node {script} exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return results


def micro(cfg, jar, rundir, log):
    weir, node, jvm = {}, {}, None
    for rnd in range(1, cfg["rounds"] + 1):
        for cls, script in GROUPS:
            sample_load()
            t0 = time.monotonic()
            w, j = run_jmh(cls, cfg, jar, rundir, rnd, log)
            t1 = time.monotonic()
            n = run_node(script, cfg, rundir, rnd, log)
            t2 = time.monotonic()
            jvm = jvm or j
            for k, v in w.items():
                weir.setdefault(k, []).append(v)
            for k, v in n.items():
                node.setdefault(k, []).append(v)
            log(f"round {rnd}/{cfg['rounds']} {cls} ({t1 - t0:.0f} s) / {script} "
                f"({t2 - t1:.0f} s), load {loadavg():.1f}")
            for k in sorted(set(w) | set(n)):
                wo = w.get(k, {}).get("ops")
                no = n.get(k, {}).get("ops")
                ratio = wo / no if wo and no else None
                log(f"    {k:34s} weir {fmt_num(wo):>10s}  node {fmt_num(no):>10s}  "
                    f"{fmt_ratio(ratio)}")
    rows = []
    for key in sorted(set(weir) | set(node), key=scenario_order):
        ws = [v["ops"] for v in weir.get(key, [])]
        ns = [v["ops"] for v in node.get(key, [])]
        allocs = [v["alloc"] for v in weir.get(key, []) if v.get("alloc") is not None]
        wm, nm = med(ws), med(ns)
        rows.append({
            "scenario": key,
            "unit": UNITS.get(key.split(".")[0], "ops/s"),
            "weir": ws, "node": ns,
            "weir_median": wm, "node_median": nm,
            "ratio": wm / nm if wm and nm else None,
            "alloc": med(allocs), "allocs": allocs,
        })
    return rows, jvm


def scenario_order(key):
    order = [g[1].split(".")[0] for g in GROUPS]
    group = key.split(".")[0]
    return (order.index(group) if group in order else 99, key)


# ---- macro: tunnel -----------------------------------------------------------------------


class SinkServer:
    """Accepts connections, discards everything, answers the byte count at EOF."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    @staticmethod
    def _drain(conn):
        buf = bytearray(MIB)
        total = 0
        try:
            while True:
                n = conn.recv_into(buf)
                if n == 0:
                    break
                total += n
            conn.sendall(f"{total}\n".encode())
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.sock.close()


def send_through(port, nbytes, timeout=600):
    """Sends nbytes to 127.0.0.1:port, waits for the sink's count; returns seconds."""
    block = memoryview(os.urandom(MIB))
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        left = nbytes
        while left > 0:
            n = min(left, len(block))
            s.sendall(block[:n])
            left -= n
        s.shutdown(socket.SHUT_WR)
        reply = b""
        while not reply.endswith(b"\n"):
            part = s.recv(64)
            if not part:
                break
            reply += part
    elapsed = time.monotonic() - start
    if reply.strip() != str(nbytes).encode():
        raise RuntimeError(f"sink counted {reply!r}, sent {nbytes}")
    return elapsed


def tunnel(cfg, samples, log):
    nbytes = cfg["tunnel_bytes"]
    sink = SinkServer()
    rows = {"weir": [], "node": [], "direct": []}
    try:
        for rnd in range(1, cfg["tunnel_rounds"] + 1):
            for kind in ("weir", "node", "direct"):
                sample_load()
                srv = None
                if kind != "direct":
                    port = free_port()
                    target = f"127.0.0.1:{sink.port}"
                    if kind == "weir":
                        argv = ["java", "-Xmx128m", "-jar", samples, "tunnel", "--port", port,
                                "--target", target]
                    else:
                        argv = ["node", NODE_DIR / "tunnel.js", "--port", port,
                                "--target", target]
                    srv = Server(f"tunnel-{kind}", argv, port, log)
                    send_through(port, 64 * MIB)  # warm-up connection, not measured
                else:
                    port = sink.port
                    send_through(port, 64 * MIB)
                cpu0 = srv.cpu() if srv else None
                try:
                    secs = send_through(port, nbytes)
                finally:
                    cpu1 = srv.cpu() if srv else None
                    hwm = srv.hwm() if srv else None
                    if srv:
                        srv.stop()
                r = {"mbps": nbytes / secs / 1e6, "seconds": secs,
                     "cpu_per_gib": (cpu1 - cpu0) / (nbytes / GIB) if srv else None,
                     "hwm": hwm}
                rows[kind].append(r)
                log(f"  tunnel {kind} round {rnd}: {r['mbps']:.0f} MB/s, "
                    f"cpu {fmt_num(r['cpu_per_gib'])} s/GiB, peak rss "
                    f"{fmt_num(hwm / MIB if hwm else None)} MiB, load {loadavg():.1f}")
    finally:
        sink.close()
    return rows


# ---- macro: file server ------------------------------------------------------------------


def make_file(path, size):
    if path.exists() and path.stat().st_size == size:
        return
    block = os.urandom(min(size, MIB))
    with open(path, "wb") as f:
        left = size
        while left > 0:
            f.write(block[:min(left, len(block))])
            left -= len(block)


def parse_wrk(text):
    def seconds(v, unit):
        return float(v) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]

    def size(v, unit):
        return float(v) * {"B": 1, "KB": 1024, "MB": MIB, "GB": GIB}[unit]

    r = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    r["rps"] = float(m.group(1)) if m else None
    m = re.search(r"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", text)
    r["mbps"] = size(*m.groups()) / 1e6 if m else None
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    r["p99_ms"] = seconds(*m.groups()) * 1000 if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", text)
    r["socket_errors"] = m.group(1).strip() if m else ""
    return r


def wrk(url, seconds):
    argv = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency", url]
    note_command("load", argv[:-1] + ["http://127.0.0.1:PORT/<file>"])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    return parse_wrk(out.stdout)


def curl(url, kind="load"):
    argv = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}",
            url]
    note_command(kind, argv[:-1] + ["http://127.0.0.1:PORT/<file>"])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    code, size, secs = out.stdout.split()
    return {"code": int(code), "bytes": int(size), "seconds": float(secs),
            "mbps": int(size) / float(secs) / 1e6}


def curl_median(url, timed):
    """One warm-up download (not measured), then `timed` downloads; the median by MB/s, with
    every timed run's MB/s in "runs". One download of a big file is a few hundred ms, so a
    single one mostly measures how warm the JIT and the page cache are."""
    kind = f"load, 1 warm-up + {timed} timed per round, median MB/s"
    warm = curl(url, kind)
    runs = [curl(url, kind) for _ in range(timed)]
    ordered = sorted(runs, key=lambda r: r["mbps"])
    mid = dict(ordered[len(ordered) // 2])
    if len(ordered) % 2 == 0:
        mid["mbps"] = (ordered[len(ordered) // 2 - 1]["mbps"] + mid["mbps"]) / 2
    bad = [r for r in [warm] + runs if r["code"] != 200]
    mid["code"] = bad[0]["code"] if bad else 200
    mid["bytes"] = min(r["bytes"] for r in [warm] + runs)
    mid["runs"] = [r["mbps"] for r in runs]
    mid["warmup_mbps"] = warm["mbps"]
    return mid


def build_ceiling(log):
    """Compiles harness/ceiling.c (a one-thread C epoll + sendfile file server) into the run
    directory; None, with a log line, when there is no C compiler."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        log("  no C compiler: the file-server ceiling is not measured")
        return None
    exe = RUNDIR[0] / "ceiling"
    argv = [cc, "-O2", "-o", str(exe), str(HERE / "ceiling.c")]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        log(f"  ceiling.c did not build: {out.stderr.strip()[:300]}")
        return None
    note_command("build", ["cc", "-O2", "-o", "ceiling", "benchmarks/harness/ceiling.c"])
    return exe


def file_server(cfg, samples, datadir, log):
    root = datadir / "www"
    root.mkdir(parents=True, exist_ok=True)
    big = f"big-{cfg['big_file'] // MIB}m.bin"
    make_file(root / "1k.bin", 1024)
    make_file(root / "1m.bin", MIB)
    make_file(root / big, cfg["big_file"])
    ceiling = build_ceiling(log)
    kinds = ("weir", "node", "ceiling") if ceiling else ("weir", "node")
    results = {"weir": [], "node": [], "ceiling": [], "big_name": big}
    for rnd in range(1, cfg["fs_rounds"] + 1):
        for kind in kinds:
            sample_load()
            port = free_port()
            if kind == "weir":
                # The sample logs every request at info level; the Node server logs nothing.
                argv = ["java", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", samples,
                        "file-server", "--port", port, "--root", root]
            elif kind == "node":
                argv = ["node", NODE_DIR / "fileserver.js", "--port", port, "--root", root]
            else:
                argv = [ceiling, port, root]
            srv = Server(f"file-server-{kind}", argv, port, log)
            base = f"http://127.0.0.1:{port}/"
            try:
                # Warm-up, not measured: every server gets the same, so that the JIT of both
                # runtimes has compiled the request path of each file size.
                warm_1k, warm_1m = cfg["wrk_warmup"]
                wrk(base + "1k.bin", warm_1k)
                wrk(base + "1m.bin", warm_1m)
                cpu0 = srv.cpu()
                r = {"1k": wrk(base + "1k.bin", cfg["wrk_seconds"])}
                cpu1 = srv.cpu()
                r["1m"] = wrk(base + "1m.bin", cfg["wrk_seconds"])
                r["big"] = curl_median(base + big, cfg.get("big_curls", 1))
                r["cpu"] = srv.cpu() - cpu0
                # Server CPU per 1 KiB request: what the server itself spends, apart from the
                # load generator sharing the machine.
                done = (r["1k"]["rps"] or 0) * cfg["wrk_seconds"]
                r["1k"]["cpu_us"] = (cpu1 - cpu0) / done * 1e6 if done else None
                r["hwm"] = srv.hwm()
            finally:
                srv.stop()
            if r["big"]["bytes"] != cfg["big_file"] or r["big"]["code"] != 200:
                log(f"  WARNING: {kind} served {r['big']['bytes']} bytes, code "
                    f"{r['big']['code']}")
            results[kind].append(r)
            log(f"  file server {kind} round {rnd}: 1k {fmt_num(r['1k']['rps'])} req/s "
                f"(p99 {fmt_num(r['1k']['p99_ms'])} ms, non-2xx {r['1k']['non2xx']}, "
                f"{fmt_num(r['1k']['cpu_us'])} µs CPU/req), "
                f"1m {fmt_num(r['1m']['mbps'])} MB/s, {big} {fmt_num(r['big']['mbps'])} MB/s "
                f"(median of {' '.join(fmt_num(x) for x in r['big'].get('runs', []))}), "
                f"peak rss {fmt_num((r['hwm'] or 0) / MIB)} MiB, load {loadavg():.1f}")
    return results


# ---- macro: slow clients -----------------------------------------------------------------

MIB_RE = re.compile(r"buffered ([\d.]+) MiB")


def parse_buffered(kind, lines):
    """The server's own count of bytes it holds, one value per report line."""
    vals = []
    for line in lines:
        if kind == "node":
            if line.startswith("BUFFERED "):
                vals.append(json.loads(line[9:])["buffered"])
        else:
            m = MIB_RE.search(line)
            if m:
                vals.append(float(m.group(1)) * MIB)
    return vals


def slow_clients(cfg, samples, datadir, log):
    f = datadir / "slow-200m.bin"
    make_file(f, 200 * MIB)
    runs = []
    for clients, rate in cfg["slow_configs"]:
        for kind in cfg["slow_servers"]:
            sample_load()
            port = free_port()
            if kind == "node":
                argv = ["node", NODE_DIR / "slowserver.js", "--port", port, "--file", f]
            else:
                heap = ["-Xmx128m"] if kind == "weir-xmx128m" else []
                argv = ["java", *heap, "-jar", samples, "slow-client-demo", "--serve",
                        "--port", port, "--file", f, "--mode", "pipe"]
            srv = Server(f"slow-{kind}", argv, port, log)
            curve = []
            try:
                cpu0 = srv.cpu()
                driver = ["python3", HERE / "slowclients.py", "--port", port, "--clients",
                          clients, "--rate", rate, "--seconds", cfg["slow_seconds"]]
                note_command("load", [str(a) for a in driver])
                t0 = time.monotonic()
                proc = subprocess.Popen([str(a) for a in driver], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                while proc.poll() is None:
                    curve.append((time.monotonic() - t0, srv.rss()))
                    time.sleep(0.5)
                out, err = proc.communicate(timeout=60)
                final = curve[-1][1] if curve else None
                cpu = srv.cpu() - cpu0
                hwm = srv.hwm()
                time.sleep(2)
                after = srv.rss()
            finally:
                srv.stop()
            client = {}
            for line in out.splitlines():
                if line.startswith("SLOWCLIENTS "):
                    client = json.loads(line[12:])
            if not client:
                log(f"  slow-client driver failed: {err.strip()[-300:]}")
            buffered = parse_buffered("node" if kind == "node" else "weir", srv.lines)
            r = {"clients": clients, "rate": rate, "server": kind, "argv": argv,
                 "curve": curve, "peak": hwm, "final": final, "after_close": after, "cpu": cpu,
                 "buffered_max": max(buffered) if buffered else None,
                 "buffered_samples": len(buffered),
                 "bound": clients * SLOW_BOUND_PER_CLIENT, "client": client}
            runs.append(r)
            log(f"  slow clients N={clients} {rate // 1024} KiB/s {kind}: peak rss "
                f"{fmt_num((hwm or 0) / MIB)} MiB, final {fmt_num((final or 0) / MIB)} MiB, "
                f"cpu {cpu:.1f} s, buffered max {fmt_num((r['buffered_max'] or 0) / MIB)} MiB "
                f"(bound {r['bound'] / MIB:.0f} MiB, {len(buffered)} reports), client "
                f"min/median {fmt_num(client.get('per_client_min'))}/"
                f"{fmt_num(client.get('per_client_median'))} B/s, starved "
                f"{client.get('starved')}, load {loadavg():.1f}")
    return runs


def svg_chart(runs, path):
    """Server RSS over time, one panel per (clients, rate), one line per server."""
    configs = []
    for r in runs:
        c = (r["clients"], r["rate"])
        if c not in configs:
            configs.append(c)
    colors = {"weir-xmx128m": "#1f77b4", "weir-default": "#2ca02c", "node": "#d62728"}
    pw, ph, ml, mt, gap = 360, 220, 60, 40, 30
    cols = 2
    nrows = (len(configs) + cols - 1) // cols
    width = cols * (pw + ml + gap) + 20
    height = nrows * (ph + mt + 50) + 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
           'Slow clients: server RSS (MiB) over time (s)</text>']
    for idx, (clients, rate) in enumerate(configs):
        x0 = 20 + (idx % cols) * (pw + ml + gap) + ml
        y0 = 40 + (idx // cols) * (ph + mt + 50) + mt
        panel = [r for r in runs if (r["clients"], r["rate"]) == (clients, rate)]
        tmax = max([t for r in panel for t, _ in r["curve"]] + [1])
        vmax = max([v or 0 for r in panel for _, v in r["curve"]] + [MIB]) / MIB
        # A line far above the others (the default heap) would flatten them: clip it and say so.
        others = max([v or 0 for r in panel if r["server"] != "weir-default"
                      for _, v in r["curve"]] + [MIB]) / MIB
        clipped = vmax > 3 * others
        if clipped:
            vmax = 2 * others
        step = nice_step(vmax)
        vtop = step * (int(vmax / step) + 1)
        out.append(f'<text x="{x0 + pw / 2}" y="{y0 - 12}" text-anchor="middle" '
                   f'font-size="12">N = {clients}, {rate // 1024} KiB/s per client</text>')
        out.append(f'<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" '
                   'stroke="#888"/>')
        v = 0.0
        while v <= vtop + 1e-9:
            y = y0 + ph - v / vtop * ph
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + pw}" y2="{y:.1f}" '
                       'stroke="#eee"/>')
            out.append(f'<text x="{x0 - 5}" y="{y + 4:.1f}" text-anchor="end">{v:g}</text>')
            v += step
        for t in range(0, int(tmax) + 1, max(1, int(tmax) // 5)):
            x = x0 + t / tmax * pw
            out.append(f'<text x="{x:.1f}" y="{y0 + ph + 14}" text-anchor="middle">{t}</text>')
        for r in panel:
            pts = " ".join(f"{x0 + t / tmax * pw:.1f},"
                           f"{y0 + ph - min((v or 0) / MIB, vtop) / vtop * ph:.1f}"
                           for t, v in r["curve"])
            if clipped and r["server"] == "weir-default":
                out.append(f'<text x="{x0 + pw - 5}" y="{y0 + 14}" text-anchor="end" '
                           f'fill="{colors["weir-default"]}">Weir default heap off scale: peak '
                           f'{(r["peak"] or 0) / MIB:.0f} MiB</text>')
            out.append(f'<polyline points="{pts}" fill="none" stroke-width="1.5" '
                       f'stroke="{colors.get(r["server"], "#000")}"/>')
    lx = 20 + ml
    ly = height - 20
    for i, (name, color) in enumerate(colors.items()):
        if any(r["server"] == name for r in runs):
            label = {"weir-xmx128m": "Weir -Xmx128m", "weir-default": "Weir default heap",
                     "node": "Node pipe()"}[name]
            out.append(f'<line x1="{lx + i * 170}" y1="{ly - 4}" x2="{lx + i * 170 + 20}" '
                       f'y2="{ly - 4}" stroke="{color}" stroke-width="3"/>')
            out.append(f'<text x="{lx + i * 170 + 25}" y="{ly}">{label}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def nice_step(vmax):
    raw = vmax / 5
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


# ---- RESULTS.md --------------------------------------------------------------------------


def verdict(ok, why_missed):
    if ok is None:
        return "not measured"
    return "**met**" if ok else "**missed** — " + why_missed


def write_results(path, ctx):
    cfg, rows, jvm = ctx["cfg"], ctx["micro"], ctx["jvm"]
    by = {r["scenario"]: r for r in rows}
    L = []
    L.append("# Weir benchmark results")
    L.append("")
    L.append(f"Generated by `{ctx['command']}` (benchmarks/harness/bench.py); do not edit by "
             "hand. Only ratios from one interleaved run count: the machine is shared and "
             "noisy, so absolute numbers move from run to run.")
    L.append("")
    L.append("## Run")
    L.append("")
    L.append(f"- date: {ctx['date']} (took {ctx['minutes']:.1f} min, mode "
             f"{'quick' if ctx['quick'] else 'full'}, {cfg['rounds']} interleaved rounds)")
    L.append(f"- machine: {os.cpu_count()} CPUs (nproc {ctx['nproc']}), {ctx['cpu']}, "
             f"{mem_total() / GIB:.1f} GiB RAM, {platform.system()} {platform.release()}")
    L.append(f"- load: 1-minute loadavg {min(LOADS):.1f}–{max(LOADS):.1f} "
             f"(median {statistics.median(LOADS):.1f}) on {ctx['nproc']} CPUs during the run — "
             + ("more runnable threads than CPUs at times (other work on the shared machine), "
                "so treat every number as noisy" if max(LOADS) > ctx["nproc"] else
                "lightly loaded, but the machine is shared"))
    L.append(f"- JVM: {ctx['java']}")
    L.append(f"- node: {ctx['node']}")
    if jvm:
        L.append(f"- JMH forks: `{jvm.get('jvm')}` with JVM flags "
                 f"`{' '.join(jvm.get('jvmArgs') or []) or '(none: JVM defaults, G1)'}`")
    L.append("")
    L.append("Commands (P / PORT are free ports chosen per run):")
    L.append("")
    L.append("```")
    for kind, text in COMMANDS:
        L.append(f"[{kind}] {text}")
    L.append("```")
    L.append("")

    # -- targets
    L.append("## Issue 7 targets")
    L.append("")
    L.append("| target | goal | measured | verdict |")
    L.append("|---|---|---|---|")
    for t in ctx["targets"]:
        L.append(f"| {t['name']} | {t['goal']} | {t['measured']} | {t['verdict']} |")
    L.append("")

    # -- micro table
    L.append("## In-memory scenarios (Weir JMH vs Node script, interleaved)")
    L.append("")
    L.append("Weir: median (min–max) of the JMH score of each round; Node: median (min–max) of "
             "the script's timed run in each round. Allocation: JMH `-prof gc` "
             "`gc.alloc.rate.norm`, median over rounds, bytes per operation.")
    L.append("")
    L.append("| scenario | unit | Weir median (min–max) | Node median (min–max) | Weir/Node | "
             "Weir B/op |")
    L.append("|---|---|---|---|---|---|")
    for r in rows:
        def span(xs):
            return f"{fmt_num(med(xs))} ({fmt_num(min(xs))}–{fmt_num(max(xs))})" if xs else "—"
        L.append(f"| {r['scenario']} | {r['unit']} | {span(r['weir'])} | {span(r['node'])} | "
                 f"{fmt_ratio(r['ratio'])} | {fmt_num(r['alloc'])} |")
    L.append("")

    # -- macros
    L.append("## Macro scenarios")
    L.append("")
    for section in ctx["macro_text"]:
        L.extend(section)
        L.append("")
    if ctx.get("notes"):
        L.append("## Notes")
        L.append("")
        L.extend(ctx["notes"])
        L.append("")
    path.write_text("\n".join(L))


def ratio_row(name, goal, w, n, op, limit, unit_fmt, why):
    if w is None or n is None or n == 0:
        return {"name": name, "goal": goal, "measured": "—", "verdict": verdict(None, "")}
    ratio = w / n
    ok = ratio >= limit if op == ">=" else ratio <= limit
    return {"name": name, "goal": goal,
            "measured": f"{fmt_ratio(ratio)} (Weir {unit_fmt(w)}, Node {unit_fmt(n)})",
            "verdict": verdict(ok, why)}


def micro_targets(by, notes):
    T = []

    def mrow(key, name, goal, limit):
        r = by.get(key)
        if not r:
            T.append({"name": name, "goal": goal, "measured": "—",
                      "verdict": verdict(None, "")})
            return
        T.append(ratio_row(name, goal, r["weir_median"], r["node_median"], ">=", limit,
                           fmt_num, notes.get(key, "see Notes")))

    mrow("pipe.passthrough.sync", "pipe Readable→PassThrough→Writable, 16 KiB, sync sink",
         "≥ 3× Node chunks/s", 3)
    mrow("pipe.passthrough.nextTick",
         "pipe Readable→PassThrough→Writable, 16 KiB, nextTick sink", "≥ 3× Node chunks/s", 3)
    mrow("objects.pipe", "objectMode pipe, small objects", "≥ 3× Node objects/s", 3)
    mrow("drain.loop", "write()/'drain' loop, async sink", "≥ 3× Node writes/s", 3)
    mrow("loop.nextTick", "nextTick throughput", "≥ 2× Node", 2)
    mrow("loop.setImmediate", "setImmediate throughput", "≥ 2× Node", 2)
    allocs = {k: by[k]["alloc"] for k in by if k.startswith("pipe.") and by[k]["alloc"] is not None}
    sync = {k: v for k, v in allocs.items() if k.endswith(".sync")}
    if sync:
        worst = max(sync.values())
        ok = worst < 8
        measured = "; ".join(f"{k.split('.')[1]}: {v:.2f}" for k, v in sorted(sync.items()))
        tick = {k: v for k, v in allocs.items() if k.endswith(".nextTick")}
        if tick:
            measured += " B/op (sync sinks); nextTick sinks " + ", ".join(
                f"{v:.1f}" for _, v in sorted(tick.items())) + " B/op"
        T.append({"name": "allocation in a steady-state pipe (JMH -prof gc)",
                  "goal": "0 B per chunk beyond the chunk (< 8 B/op: the per-run setup "
                          "spread over 10,000 chunks, no per-chunk object)",
                  "measured": measured,
                  "verdict": verdict(ok, notes.get("alloc", "see Notes"))})
    else:
        T.append({"name": "allocation in a steady-state pipe", "goal": "0 B/chunk",
                  "measured": "—", "verdict": verdict(None, "")})
    return T


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="< 5 minutes: fewer, shorter rounds")
    ap.add_argument("--rounds", type=int, help="interleaved micro rounds (default 2/3)")
    ap.add_argument("--skip-micro", action="store_true")
    ap.add_argument("--skip-macro", action="store_true")
    ap.add_argument("--no-samples", action="store_true", help="the samples jar did not build")
    ap.add_argument("--results", default=str(BENCH / "RESULTS.md"))
    ap.add_argument("--command", default="benchmarks/run.sh")
    ap.add_argument("--render", metavar="RUNDIR",
                    help="only rewrite RESULTS.md and the chart from RUNDIR/raw.json (e.g. "
                         "after editing harness/notes.md)")
    a = ap.parse_args()
    if a.render:
        render(Path(a.render), Path(a.results))
        return
    cfg = dict(QUICK if a.quick else FULL)
    if a.rounds:
        cfg["rounds"] = a.rounds
    started = time.monotonic()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    rundir = BENCH / "target" / "runs" / stamp
    rundir.mkdir(parents=True, exist_ok=True)
    datadir = BENCH / "target" / "macro-data"
    datadir.mkdir(parents=True, exist_ok=True)
    log = Log(rundir / "run.log")
    RUNDIR[0] = rundir
    log(f"benchmarks: {'quick' if a.quick else 'full'} run, logs in {rundir}")
    sample_load()

    # Private copies, so a concurrent build cannot swap a jar in the middle of the run.
    jar = rundir / "benchmarks.jar"
    shutil.copy(BENCH / "target" / "benchmarks.jar", jar)
    samples_src = ROOT / "samples" / "target" / "weir-samples.jar"
    samples = None
    sample_cmds = ""
    if samples_src.exists() and not a.no_samples:
        samples = rundir / "weir-samples.jar"
        shutil.copy(samples_src, samples)
        sample_cmds = subprocess.run(["java", "-jar", str(samples), "--help"],
                                     capture_output=True, text=True, timeout=60).stdout

    ctx = {"cfg": cfg, "quick": a.quick, "command": a.command + (" --quick" if a.quick else ""),
           "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
           "nproc": os.cpu_count(), "cpu": cpu_model(),
           "java": version_of(["java", "-version"]), "node": version_of(["node", "--version"]),
           "micro": [], "jvm": None, "macro_text": [], "targets": [], "notes": []}

    notes = {}
    if not a.skip_micro:
        ctx["micro"], ctx["jvm"] = micro(cfg, jar, rundir, log)
    by = {r["scenario"]: r for r in ctx["micro"]}
    ctx["targets"].extend(micro_targets(by, notes))

    def unavailable(cmd):
        if a.skip_macro:
            return "skipped (--skip-macro)"
        if samples is None:
            return "samples/target/weir-samples.jar not built"
        if cmd not in sample_cmds:
            return f"the samples jar has no '{cmd}' sample yet"
        if cmd == "file-server" and shutil.which("wrk") is None:
            return "wrk is not installed (apt-get install -y wrk)"
        return None

    # -- tunnel
    why = unavailable("tunnel")
    sec = ["### Tunnel (one connection, loopback)", ""]
    if why:
        sec.append(f"not run: {why}")
        ctx["targets"].append({"name": "tunnel, 2 GiB", "goal": "≥ 1.5× Node MB/s, ≤ 0.7× "
                               "Node CPU s/GiB, peak RSS ≤ 128 MiB at -Xmx128m",
                               "measured": "—", "verdict": f"not run: {why}"})
    else:
        try:
            t = tunnel(cfg, samples, log)
            ctx["tunnel"] = t
            sec += tunnel_text(cfg, t, ctx["targets"], notes)
        except Exception as e:  # keep the rest of the run
            log(f"  tunnel failed: {e!r}")
            sec.append(f"not run: failed: {e}")
    ctx["macro_text"].append(sec)

    # -- file server
    why = unavailable("file-server")
    sec = ["### File server (HTTP, wrk -t2 -c50 and curl)", ""]
    if why:
        sec.append(f"not run: {why}")
        for name in ("file server, 1 KiB", "file server, 1 MiB", "file server, 256 MiB"):
            ctx["targets"].append({"name": name, "goal": "≥ 3× Node", "measured": "—",
                                   "verdict": f"not run: {why}"})
    else:
        try:
            fsr = file_server(cfg, samples, datadir, log)
            ctx["files"] = fsr
            sec += files_text(cfg, fsr, ctx["targets"], notes)
        except Exception as e:
            log(f"  file server failed: {e!r}")
            sec.append(f"not run: failed: {e}")
    ctx["macro_text"].append(sec)

    # -- slow clients
    why = unavailable("slow-client-demo")
    sec = ["### Slow clients (raw TCP file streaming, 16 KiB receive buffers)", ""]
    if why:
        sec.append(f"not run: {why}")
        for name in ("slow clients, N = 500, -Xmx128m", "slow clients, default heap"):
            ctx["targets"].append({"name": name, "goal": "see issue 7", "measured": "—",
                                   "verdict": f"not run: {why}"})
    else:
        try:
            runs = slow_clients(cfg, samples, datadir, log)
            ctx["slow"] = runs
            svg_chart(runs, BENCH / "slow-clients.svg")
            sec += slow_text(cfg, runs, ctx["targets"], notes)
        except Exception as e:
            log(f"  slow clients failed: {e!r}")
            sec.append(f"not run: failed: {e}")
    ctx["macro_text"].append(sec)

    sample_load()
    ctx["minutes"] = (time.monotonic() - started) / 60
    ctx["loads"], ctx["commands"] = LOADS, COMMANDS
    (rundir / "raw.json").write_text(json.dumps(ctx, default=str, indent=1))
    ctx["notes"] = NOTES_HOOK(ctx)
    write_results(Path(a.results), ctx)
    log("")
    log(f"{'scenario':34s} {'weir median (min-max)':>30s} {'node median (min-max)':>30s} ratio")
    for r in ctx["micro"]:
        def span(xs):
            return f"{fmt_num(med(xs))} ({fmt_num(min(xs))}-{fmt_num(max(xs))})" if xs else "-"
        log(f"{r['scenario']:34s} {span(r['weir']):>30s} {span(r['node']):>30s} "
            f"{fmt_ratio(r['ratio'])}")
    log("")
    for t in ctx["targets"]:
        log(f"target: {t['name']}: {t['measured']} -> {t['verdict']}")
    log(f"wrote {a.results} in {ctx['minutes']:.1f} min; logs in {rundir}")


def render(rundir, results):
    """Rewrites RESULTS.md (with the current notes.md) and the chart from a run's raw.json."""
    ctx = json.loads((rundir / "raw.json").read_text())
    LOADS[:] = ctx["loads"]
    COMMANDS[:] = [tuple(c) for c in ctx["commands"]]
    if ctx.get("slow"):
        svg_chart(ctx["slow"], BENCH / "slow-clients.svg")
    ctx["notes"] = NOTES_HOOK(ctx)
    write_results(results, ctx)
    print(f"rewrote {results} from {rundir / 'raw.json'}")


def tunnel_text(cfg, t, targets, notes):
    def m(kind, key):
        return med([r[key] for r in t[kind]])
    L = [f"{cfg['tunnel_bytes'] // MIB} MiB per measured connection after a 64 MiB warm-up "
         f"connection, {cfg['tunnel_rounds']} round(s) of Weir, Node, direct; the sender and "
         "the discarding sink are Python threads in the runner. CPU seconds are the tunnel "
         "process's utime+stime (/proc/<pid>/stat) over the measured connection; peak RSS is "
         "its VmHWM. Weir runs with `-Xmx128m`.", "",
         "| | MB/s median (min–max) | CPU s/GiB | peak RSS MiB |", "|---|---|---|---|"]
    for kind in ("weir", "node", "direct"):
        rs = t[kind]
        if not rs:
            continue
        mb = [r["mbps"] for r in rs]
        L.append(f"| {kind} | {fmt_num(med(mb))} ({fmt_num(min(mb))}–{fmt_num(max(mb))}) | "
                 f"{fmt_num(m(kind, 'cpu_per_gib'))} | "
                 f"{fmt_num(m(kind, 'hwm') / MIB if m(kind, 'hwm') else None)} |")
    wm, nm, dm = m("weir", "mbps"), m("node", "mbps"), m("direct", "mbps")
    wc, nc = m("weir", "cpu_per_gib"), m("node", "cpu_per_gib")
    hw = max(r["hwm"] or 0 for r in t["weir"])
    L.append("")
    L.append(f"Weir/Node MB/s {fmt_ratio(wm / nm)}, CPU s/GiB {fmt_ratio(wc / nc)}; "
             f"the direct connection (ceiling) is {fmt_ratio(dm / nm)} Node.")
    ok = wm / nm >= 1.5 and wc / nc <= 0.7 and hw <= 128 * MIB
    targets.append({"name": f"tunnel, {cfg['tunnel_bytes'] // MIB} MiB",
                    "goal": "≥ 1.5× Node MB/s, ≤ 0.7× Node CPU s/GiB, peak RSS ≤ 128 MiB "
                            "at -Xmx128m",
                    "measured": f"{fmt_ratio(wm / nm)} MB/s, {fmt_ratio(wc / nc)} CPU/GiB, "
                                f"peak RSS {hw / MIB:.0f} MiB",
                    "verdict": verdict(ok, notes.get("tunnel", "see Notes"))})
    return L


def files_text(cfg, fsr, targets, notes):
    big = fsr["big_name"]
    kinds = [k for k in ("weir", "node", "ceiling") if fsr.get(k)]

    def m(kind, f, key):
        rows = fsr.get(kind) or []
        return med([r[f].get(key) for r in rows if r[f].get(key) is not None])
    warm_1k, warm_1m = cfg.get("wrk_warmup", (2, 0))
    L = [f"`wrk -t2 -c50 -d{cfg['wrk_seconds']}s --latency` per file after a warm-up of every "
         f"server ({warm_1k} s of 1 KiB and {warm_1m} s of 1 MiB requests with the same wrk, "
         "not measured: a JIT needs seconds of load to compile a server's request path), then "
         f"`curl` of {big} (one warm-up download, then the median of "
         f"{cfg.get('big_curls', 1)} timed ones per round); {cfg['fs_rounds']} round(s) of "
         + ", ".join(kinds) + ". Weir runs with the default heap and "
         "`-Dorg.slf4j.simpleLogger.defaultLogLevel=warn` (the sample's per-request access log "
         "is off, as the Node server has none). CPU µs/req is the server process's CPU time "
         "during the 1 KiB run divided by the requests served; CPU s covers all three files.",
         ""]
    if fsr.get("ceiling"):
        L += ["**ceiling** is `benchmarks/harness/ceiling.c`, a one-thread C epoll server that "
              "opens the file and `sendfile(2)`s it per request, with no logging or caching, "
              "measured with the same clients in the same run: what this machine and this load "
              "generator (which shares the 2 CPUs with the server) can show at all. A ratio "
              "target above ceiling/Node cannot be met here by any server.", ""]
    L += ["| | 1 KiB req/s | 1 KiB p99 ms | 1 KiB CPU µs/req | 1 MiB req/s | 1 MiB MB/s | "
          f"1 MiB p99 ms | {big} MB/s | CPU s | peak RSS MiB |",
          "|---|---|---|---|---|---|---|---|---|---|"]
    for kind in kinds:
        cpu = med([r["cpu"] for r in fsr[kind]])
        hwm = med([r["hwm"] for r in fsr[kind]])
        L.append(f"| {kind} | {fmt_num(m(kind, '1k', 'rps'))} | "
                 f"{fmt_num(m(kind, '1k', 'p99_ms'))} | {fmt_num(m(kind, '1k', 'cpu_us'))} | "
                 f"{fmt_num(m(kind, '1m', 'rps'))} | "
                 f"{fmt_num(m(kind, '1m', 'mbps'))} | {fmt_num(m(kind, '1m', 'p99_ms'))} | "
                 f"{fmt_num(m(kind, 'big', 'mbps'))} | {fmt_num(cpu)} | "
                 f"{fmt_num(hwm / MIB if hwm else None)} |")
    errs = [(k, f, r[f]["non2xx"], r[f]["socket_errors"]) for k in kinds
            for r in fsr[k] for f in ("1k", "1m") if r[f]["non2xx"] or r[f]["socket_errors"]]
    if errs:
        L.append("")
        L.append("Errors: " + "; ".join(f"{k} {f}: non-2xx {n}, socket {s}"
                                          for k, f, n, s in errs))

    def target(name, goal, f, key, why):
        row = ratio_row(name, goal, m("weir", f, key), m("node", f, key), ">=", 3, fmt_num, why)
        c, n, w = m("ceiling", f, key), m("node", f, key), m("weir", f, key)
        if c and n and w and row["measured"] != "—":
            row["measured"] = (row["measured"][:-1] + f"; ceiling {fmt_num(c)} = "
                               f"{fmt_ratio(c / n)} Node, Weir at {100 * w / c:.0f} % of it)")
        targets.append(row)
    target("file server, 1 KiB", "≥ 3× Node req/s", "1k", "rps", notes.get("fs1k", "see Notes"))
    target("file server, 1 MiB", "≥ 3× Node MB/s", "1m", "mbps", notes.get("fs1m", "see Notes"))
    target(f"file server, {big}", "≥ 3× Node MB/s", "big", "mbps",
           notes.get("fsbig", "see Notes"))
    return L


def slow_text(cfg, runs, targets, notes):
    L = [f"Clients: benchmarks/harness/slowclients.py, {cfg['slow_seconds']} s, 16 KiB "
         "SO_RCVBUF set before connect, each reading at most rate × elapsed. RSS sampled every "
         "0.5 s from /proc/<pid>/status; peak = VmHWM; final = the last sample under load; "
         "'after' = 2 s after the clients closed. Buffered = the server's own count "
         "(Σ socket.writableLength + stream.readableLength, printed each second); bound = N × "
         "(16 KiB socket HWM + 64 KiB ReadStream HWM + one 64 KiB chunk). Starved = a client "
         "that got < 50 % of the median client's bytes (the driver itself cannot always reach "
         "the target rate on a loaded machine; the achieved median is in the table). Chart: [slow-clients.svg](slow-clients.svg).", "",
         "| N | rate | server (flags) | peak RSS MiB | final MiB | after MiB | CPU s | "
         "buffered max MiB (bound) | client B/s min / median | starved | driver lag s |",
         "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        c = r["client"]
        flags = {"weir-xmx128m": "Weir -Xmx128m", "weir-default": "Weir (no flags)",
                 "node": "Node pipe()"}[r["server"]]
        L.append(f"| {r['clients']} | {r['rate'] // 1024} KiB/s | {flags} | "
                 f"{fmt_num((r['peak'] or 0) / MIB)} | {fmt_num((r['final'] or 0) / MIB)} | "
                 f"{fmt_num((r['after_close'] or 0) / MIB)} | {r['cpu']:.1f} | "
                 f"{fmt_num((r['buffered_max'] or 0) / MIB)} ({r['bound'] / MIB:.0f}) | "
                 f"{fmt_num(c.get('per_client_min'))} / {fmt_num(c.get('per_client_median'))} | "
                 f"{c.get('starved')} | {fmt_num(c.get('driver_max_lag_s'))} |")

    def pick(n, server):
        return [r for r in runs if r["clients"] == n and r["server"] == server]
    n500 = max(r["clients"] for r in runs)
    w128, node, wdef = pick(n500, "weir-xmx128m"), pick(n500, "node"), pick(n500, "weir-default")
    if w128 and node:
        peak_w = max(r["peak"] for r in w128)
        peak_n = max(r["peak"] for r in node)
        within = all(r["buffered_max"] is not None and r["buffered_max"] <= r["bound"]
                     for r in w128)
        starved = sum((r["client"].get("starved") or 0) for r in w128)
        ok = peak_w <= peak_n and within and starved == 0
        targets.append({"name": f"slow clients, N = {n500}, -Xmx128m",
                        "goal": "peak RSS ≤ Node's pipe() server; buffered ≤ N × (HWMs + one "
                                "chunk) at every sample; no client starved",
                        "measured": f"peak {peak_w / MIB:.0f} MiB vs Node {peak_n / MIB:.0f} "
                                    f"MiB ({fmt_ratio(peak_w / peak_n)}); buffered max "
                                    f"{max((r['buffered_max'] or 0) for r in w128) / MIB:.1f} "
                                    f"MiB ≤ bound {w128[0]['bound'] / MIB:.0f} MiB: {within}; "
                                    f"starved {starved}",
                        "verdict": verdict(ok, notes.get("slow128", "see Notes"))})
    if wdef and node:
        peak_w = max(r["peak"] for r in wdef)
        peak_n = max(r["peak"] for r in node)
        targets.append({"name": f"slow clients, N = {n500}, default heap",
                        "goal": "peak RSS ≤ 2× Node's",
                        "measured": f"peak {peak_w / MIB:.0f} MiB vs Node {peak_n / MIB:.0f} "
                                    f"MiB ({fmt_ratio(peak_w / peak_n)})",
                        "verdict": verdict(peak_w <= 2 * peak_n,
                                           notes.get("slowdef", "see Notes"))})
    elif node:
        targets.append({"name": "slow clients, default heap", "goal": "peak RSS ≤ 2× Node's",
                        "measured": "—", "verdict": "not run in this mode (full run only)"})
    return L


def default_notes(ctx):
    """Notes written into RESULTS.md; benchmarks/harness/notes.md is appended when present."""
    extra = HERE / "notes.md"
    return extra.read_text().splitlines() if extra.exists() else []


NOTES_HOOK = default_notes

if __name__ == "__main__":
    main()
