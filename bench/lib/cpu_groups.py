#!/usr/bin/env python3
"""CPU ticks of JVM processes per thread group, from /proc/<pid>/task/*/stat (scale-bench.sh).

  cpu_groups.py snap PID...   one JSON line: {"<pid>": {"total": t, "jit": t, "gc": t, "hz": t, "eventloop": t}}

"total" is the process's own utime + stime (it keeps the time of threads that have exited); the groups are the live
threads' at the moment of the snapshot, so "other" is total minus the groups (main, vert.x workers, Netty, the
VM's service threads, and any thread that exited in between).
"""
import json
import sys

GROUPS = ("jit", "gc", "hz", "eventloop")


def group(comm):
    if comm.startswith(("C1 CompilerThre", "C2 CompilerThre")):
        return "jit"
    if comm.startswith(("GC Thread", "G1 ", "VM Thread")):  # VM Thread: the safepoint operations, GC pauses among them
        return "gc"
    if comm.startswith("hz."):
        return "hz"
    if comm.startswith("vert.x-eventloo"):  # comm holds 15 characters
        return "eventloop"
    return None


def ticks(stat):
    rest = stat[stat.rindex(")") + 2:].split()  # rest[0] is field 3 (state): utime is field 14, stime 15
    return int(rest[11]) + int(rest[12])


def comm(stat):
    return stat[stat.index("(") + 1:stat.rindex(")")]


def snap(pid):
    import os
    out = {g: 0 for g in GROUPS}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:  # the thread exited meanwhile
            continue
        g = group(comm(stat))
        if g:
            out[g] += ticks(stat)
    with open(f"/proc/{pid}/stat") as f:  # after the threads, so it is never behind their sum
        out["total"] = ticks(f.read())
    return out


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        print(json.dumps({pid: snap(pid) for pid in sys.argv[2:]}))
