#!/usr/bin/env python3
"""fdleak.py - a daemon that leaks file descriptors: opens a unix socket pair (or an
eventfd) every PERIOD seconds and keeps it, for SECONDS seconds, then exits (and the
kernel frees them all). The "userspace-held growth" series of the verdict benchmark.
  fdleak.py PERIOD SECONDS [socketpair|eventfd]"""
import os, resource, socket, sys, time

period, seconds = float(sys.argv[1]), float(sys.argv[2])
kind = sys.argv[3] if len(sys.argv) > 3 else "socketpair"
need = int(seconds / period * 2) + 64
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, need), max(hard, need)))
kept, start = [], time.monotonic()
n = 0
while time.monotonic() - start < seconds:
    kept.append(socket.socketpair() if kind == "socketpair" else os.eventfd(0))
    n += 1
    time.sleep(max(0.0, start + n * period - time.monotonic()))
print(f"fdleak: {n} {kind}s kept for {seconds:.0f} s, exiting", flush=True)
