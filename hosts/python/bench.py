"""The Python package's benchmark driver (hosts/python/python_test.go, BenchmarkPython).

    python bench.py MODULE CACHE_DIR SECONDS < requests.jsonl

For each request line {"op64": base64 op name, "in64": base64 input}: warms up for a
second, runs the op repeatedly for SECONDS on one Paycore instance and writes
{"nsPerOp", "cpuNsPerOp", "iterations", "out64"} (out64: the envelope, for checking).
"""

import base64
import json
import sys
import time

from paycore import Paycore


def bench(pc: Paycore, op: bytes, data: bytes, seconds: float) -> dict:
    def run(budget: float) -> tuple:
        n = 0
        cpu = time.process_time_ns()
        start = time.perf_counter_ns()
        now = start
        deadline = start + int(budget * 1e9)
        while now < deadline:
            for _ in range(10):
                pc.call_bytes(op, data)
            n += 10
            now = time.perf_counter_ns()
        return n, now - start, time.process_time_ns() - cpu

    run(1.0)  # warm-up
    n, ns, cpu_ns = run(seconds)
    return {"nsPerOp": ns / n, "cpuNsPerOp": cpu_ns / n, "iterations": n}


def main() -> None:
    module, cache, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    pc = Paycore(module, cache=cache)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        op, data = base64.b64decode(req["op64"]), base64.b64decode(req["in64"])
        res = bench(pc, op, data, seconds) if seconds > 0 else {}
        res["out64"] = base64.b64encode(pc.call_bytes(op, data)).decode()
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
