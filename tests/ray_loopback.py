"""A two-node Ray cluster on loopback, in a private network, PID and mount namespace.

    run_in_namespace(work_dir, [[reportqa arguments], ...], kill_worker_in=None, timeout=...)

runs this file as the init of a fresh namespace (`unshare --net --pid --fork --kill-child
--mount-proc`): it brings up `lo`, starts a head and a worker node with one CPU each, runs
each `reportqa ...` command in turn ("{address}" stands for the head's), and prints one JSON
line: each command's exit code, JSON output and stderr. With `kill_worker_in` (an index
folder), the worker's raylet is killed as soon as that build has cached its first vectors. No connection can leave 127.0.0.1 (the namespace has no other interface) and every
process Ray starts ends with the namespace: when this script (its PID 1) exits, or when the
test's timeout kills `unshare`, the kernel kills the rest. Nothing is stopped by name.

Ray's session folder goes to `work_dir/ray`, bind-mounted at a short path inside the
namespace only (Unix socket paths must stay under 108 bytes).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HEAD_PORT = 6390
WORKER_NODE_PORT = 6391
SESSION_MOUNT = Path("/mnt")  # exists on any Linux; covered only inside the namespace
RAY_OPTIONS = ["--num-cpus", "1", "--object-store-memory", "200000000", "--disable-usage-stats"]


def run_in_namespace(
    work_dir: Path, commands: list[list[str]], kill_worker_in: Path | None = None, timeout: float = 600
) -> list[dict]:
    """What each command did inside the namespace (raises if the namespace reports nothing)."""
    plan = {"commands": commands, "kill_in": str(kill_worker_in) if kill_worker_in else None}
    command = ["unshare", "--net", "--pid", "--fork", "--kill-child", "--mount-proc"]
    command += [sys.executable, __file__, str(work_dir), json.dumps(plan)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=_environment())
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    if not lines:
        raise AssertionError(f"no result from the namespace (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(lines[-1])


def _environment() -> dict[str, str]:
    project = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": project, "RAY_USAGE_STATS_ENABLED": "0"}


def _ray(*arguments: str) -> None:
    ray = Path(sys.executable).with_name("ray")
    subprocess.run([str(ray), "start", *arguments, *RAY_OPTIONS], check=True, capture_output=True, timeout=120)


def _worker_raylet_pid() -> int:
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"raylet") and f"--node_manager_port={WORKER_NODE_PORT}".encode() in argv:
            return int(proc.name)
    raise RuntimeError("the worker's raylet is not running")


def _cached_vectors(index_dir: Path) -> int:
    from retrieval.index.generations import CACHE_NAME

    try:
        connection = sqlite3.connect(f"file:{index_dir / CACHE_NAME}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:  # not made yet
        return 0


def _run(arguments: list[str], kill_in: str | None) -> dict:
    address = f"127.0.0.1:{HEAD_PORT}"
    command = [sys.executable, "-m", "bot.cli", *(a.replace("{address}", address) for a in arguments)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed_after = None
    while kill_in and process.poll() is None and killed_after is None:
        if (cached := _cached_vectors(Path(kill_in))) > 0:  # the cluster is encoding: kill it now
            os.kill(_worker_raylet_pid(), 9)
            killed_after = cached
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    reports = [line for line in stdout.splitlines() if line.startswith("{")]
    return {
        "returncode": process.returncode,
        "report": json.loads(reports[-1]) if reports else None,
        "stdout": stdout[-2000:],
        "stderr": stderr[-3000:],
        "killed_after": killed_after,
    }


def _inside(work_dir: Path, plan: dict) -> list[dict]:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    session = work_dir / "ray"
    session.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(session), str(SESSION_MOUNT)], check=True)
    temp = f"--temp-dir={SESSION_MOUNT}"
    _ray("--head", f"--port={HEAD_PORT}", "--include-dashboard=false", temp)
    _ray(f"--address=127.0.0.1:{HEAD_PORT}", f"--node-manager-port={WORKER_NODE_PORT}", temp)
    return [_run(arguments, plan["kill_in"]) for arguments in plan["commands"]]


if __name__ == "__main__":
    work, plan_json = Path(sys.argv[1]), json.loads(sys.argv[2])
    try:
        result = _inside(work, plan_json)
    except Exception as exc:  # reported to the test, whose assertion shows it
        result = [{"returncode": -1, "report": None, "stderr": repr(exc), "killed_after": None}]
    print(json.dumps(result), flush=True)
