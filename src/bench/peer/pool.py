#!/usr/bin/env python3
"""The seed design batchsend replaces: multiprocessing Pool(8), a shared lock, urllib, one log line
per item. Standard library only. Usage: pool.py URL_PREFIX DATA_FILE LOG_FILE [PROCESSES]"""
import multiprocessing
import sys
import time
import urllib.parse
import urllib.request

_lock = None
_log = None
_prefix = None


def _init(lock, log_path, prefix):
    global _lock, _log, _prefix
    _lock, _log, _prefix = lock, open(log_path, "a", buffering=1), prefix


def _send(args):
    index, item = args
    start = time.perf_counter()
    status = None
    try:
        with urllib.request.urlopen(_prefix + urllib.parse.quote(item, safe=""), timeout=30) as r:
            r.read()
            status = r.status
    except Exception as e:  # a failed item is a line too
        status = type(e).__name__
    ms = (time.perf_counter() - start) * 1000
    with _lock:
        _log.write(f"{index}\t{item}\t{status}\t{ms:.2f}\n")
        _log.flush()


def main():
    prefix, data, log_path = sys.argv[1:4]
    processes = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    with open(data, encoding="utf-8") as f:
        items = [(i, line.rstrip("\n")) for i, line in enumerate(f, 1) if line.strip()]
    lock = multiprocessing.Lock()
    with multiprocessing.Pool(processes, _init, (lock, log_path, prefix)) as pool:
        for _ in pool.imap_unordered(_send, items, chunksize=64):
            pass


if __name__ == "__main__":
    main()
