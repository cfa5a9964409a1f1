"""A long-lived dbt: imports dbt once, then runs one invocation per request.

Started by scripts/dbt/dbt-worker.ts with dbt's own Python (dbt/.venv/bin/python).
Protocol, one JSON object per line:

  stdin   {"id": 1, "args": ["build", ...], "cwd": "/abs/dbt", "env": {"K": "v"}}
  stdout  {"ready": true, "version": "1.11.x"}            once, after dbt is imported
          {"ready": false, "error": "..."}                 when dbt cannot be imported (then exit 1)
          {"id": 1, "line": "<dbt JSON log line>"}         what `dbt --log-format json` prints on stdout
          {"id": 1, "stderr": "text"}                      what the CLI would print on stderr
          {"id": 1, "exit": 0}                             the CLI's exit code (0, 1 or 2)

Each invocation runs with exactly the request's environment and working directory,
as a child process of the CLI would. One invocation at a time: the TypeScript side
queues. The process ends on end of input (at once, even mid-invocation), SIGTERM or SIGINT.
"""

import json
import os
import queue
import signal
import sys
import threading

_PROTOCOL = None
_WRITE_LOCK = threading.Lock()


def send(message):
    text = json.dumps(message, separators=(",", ":"))
    with _WRITE_LOCK:
        _PROTOCOL.write(text + "\n")
        _PROTOCOL.flush()


def stop(signum, _frame):
    os._exit(130 if signum == signal.SIGINT else 143)


class LineStream:
    """The stream dbt's stdout logger writes to: each finished line becomes a message."""

    def __init__(self, request_id):
        self.request_id = request_id
        self.pending = ""

    def write(self, text):
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            send({"id": self.request_id, "line": line})
        return len(text)

    def flush(self):
        pass

    def close(self):
        if self.pending:
            send({"id": self.request_id, "line": self.pending})
            self.pending = ""


def release_connections():
    """Closes what dbt keeps between invocations, so the warehouse file is free."""
    try:
        from dbt.adapters.factory import reset_adapters

        reset_adapters()
    except Exception:  # noqa: BLE001
        pass
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager

        with DuckDBConnectionManager._LOCK:
            env = DuckDBConnectionManager._ENV
            DuckDBConnectionManager._ENV = None
            if env is not None:
                env.close()
    except Exception:  # noqa: BLE001
        pass


def preload():
    """Imports what every invocation needs next (commands, parser, adapters), once."""
    for name in ("dbt.task.build", "dbt.task.freshness", "dbt.task.seed", "dbt.parser.manifest", "dbt.adapters.duckdb", "dbt.adapters.postgres"):
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - an adapter that is not installed
            pass


def invoke(request):
    request_id = request["id"]
    os.environ.clear()
    os.environ.update(request.get("env") or {})
    os.chdir(request.get("cwd") or ".")
    stream = LineStream(request_id)
    # dbt's stdout logger writes to the capture stream instead of sys.stdout: the
    # lines are the ones `dbt --log-format json` prints (same filter, same scrubber).
    capture_stdout_logs(stream)
    try:
        result = dbtRunner().invoke(list(request["args"]))
    finally:
        release_connections()
        # dbt keeps its loggers until the next invocation sets up its own: drop
        # them, so nothing said later lands in this invocation's stream.
        cleanup_event_logger()
        stop_capture_stdout_logs()
        stream.close()
    if result.success:
        return 0
    if result.exception is not None:
        # dbt has logged MainEncounteredError for runtime errors; usage errors
        # (click) are only on stderr, as the CLI prints them.
        name = type(result.exception).__name__
        if name in ("DbtUsageException", "DbtInternalException"):
            send({"id": request_id, "stderr": f"Error: {result.exception}"})
        return 2
    return 1


def main():
    global _PROTOCOL, dbtRunner, cleanup_event_logger, capture_stdout_logs, stop_capture_stdout_logs
    # Keep the protocol on its own copy of stdout; anything else printing to stdout
    # (a stray print in a package) lands on stderr instead.
    _PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        from dbt.cli.main import dbtRunner
        from dbt.version import __version__ as dbt_version
        from dbt_common.events.event_manager_client import cleanup_event_logger
        from dbt_common.events.functions import capture_stdout_logs, stop_capture_stdout_logs
    except BaseException as error:  # noqa: BLE001 - any failure means "use the CLI instead"
        send({"ready": False, "error": f"{type(error).__name__}: {error}"})
        sys.exit(1)
    preload()
    send({"ready": True, "version": dbt_version})
    requests = queue.Queue()

    def read_requests():
        for raw in sys.stdin:
            if raw.strip():
                requests.put(json.loads(raw))
        # End of input: the parent closed us or is gone. Stop now, even mid-invocation.
        os._exit(0)

    threading.Thread(target=read_requests, name="requests", daemon=True).start()
    while True:
        request = requests.get()
        try:
            code = invoke(request)
        except BaseException as error:  # noqa: BLE001 - report it, keep serving
            send({"id": request.get("id"), "stderr": f"Error: dbt worker: {type(error).__name__}: {error}"})
            code = 2
        send({"id": request.get("id"), "exit": code})


# dbt starts helper processes with multiprocessing's "spawn", which imports this
# file again as __mp_main__: only the real start serves requests.
if __name__ == "__main__":
    main()
