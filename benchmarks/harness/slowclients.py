#!/usr/bin/env python3
"""Slow-client load: N TCP clients on 127.0.0.1 that each read at a fixed rate.

Each client sets a 16 KiB receive buffer before it connects, then reads at most
`rate * elapsed` bytes, so the server sees a slow reader and must hold back.
After --seconds every client closes. Prints one JSON line:
  SLOWCLIENTS {"clients":N,"connected":..,"bytes":..,"per_client_min":..,...}

  python3 slowclients.py --port P --clients 500 --rate 102400 --seconds 25
"""
import argparse
import json
import socket
import statistics
import sys
import time

TICK = 0.02  # seconds between read passes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--clients", type=int, required=True)
    ap.add_argument("--rate", type=float, required=True, help="bytes per second per client")
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--rcvbuf", type=int, default=16 * 1024)
    a = ap.parse_args()

    socks = []
    errors = 0
    for _ in range(a.clients):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, a.rcvbuf)
        s.settimeout(10)
        try:
            s.connect(("127.0.0.1", a.port))
        except OSError as e:
            errors += 1
            print(f"connect failed: {e}", file=sys.stderr)
            s.close()
            continue
        s.setblocking(False)
        socks.append(s)
    start = time.monotonic()
    got = [0] * len(socks)
    eof = [False] * len(socks)
    buf = bytearray(64 * 1024)
    view = memoryview(buf)
    end = start + a.seconds
    behind = 0.0  # worst lag of a read pass, seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        budget = a.rate * (now - start)
        for i, s in enumerate(socks):
            if eof[i]:
                continue
            want = budget - got[i]
            while want >= 1:
                try:
                    n = s.recv_into(view, min(int(want), len(buf)))
                except BlockingIOError:
                    break
                except OSError:
                    eof[i] = True
                    errors += 1
                    break
                if n == 0:
                    eof[i] = True
                    break
                got[i] += n
                want -= n
        spent = time.monotonic() - now
        behind = max(behind, spent - TICK)
        if spent < TICK:
            time.sleep(TICK - spent)
    elapsed = time.monotonic() - start
    for s in socks:
        s.close()
    rates = [g / elapsed for g in got] or [0]
    target = a.rate
    print("SLOWCLIENTS " + json.dumps({
        "clients": a.clients,
        "connected": len(socks),
        "errors": errors,
        "ended_early": sum(eof),
        "seconds": elapsed,
        "bytes": sum(got),
        "rate_target": target,
        "per_client_min": min(rates),
        "per_client_median": statistics.median(rates),
        "per_client_max": max(rates),
        # starved: a client that got less than half of what the median client got (the
        # driver may not reach the target rate itself on a loaded machine)
        "starved": sum(1 for r in rates if r < 0.5 * statistics.median(rates)),
        "below_half_target": sum(1 for r in rates if r < 0.5 * target),
        "driver_max_lag_s": behind,
    }), flush=True)


if __name__ == "__main__":
    main()
