"""Keep kwalibot's processes running: start them, restart one that dies, stop them all together.

`make run` (bot/run.py) and `make cluster` (bot/cluster.py) hand their children to a Supervisor:

- a child that exits without being asked to (a crash, an out-of-memory kill, `kill -9`) is started
  again after a pause that doubles with each quick crash (1 s, 2 s, 4 s … at most 30 s) and starts at
  1 s again once it has run for a minute; the log says which child, its pid and why it ended
  (exit code or signal name);
- a child that keeps crashing (5 starts within 5 minutes) is not started again: a crash loop is a
  broken set-up that restarts cannot mend, and flapping would hide it. The supervisor then stops
  everything and exits with status 1, naming the child and its last exit;
- SIGTERM or Ctrl-C stops the children: SIGTERM to each, in reverse order of starting (the balancer
  before the servers behind it), and SIGKILL to what is left of them after 20 s (whole process groups).

Readiness: each child may name a URL that answers 200 once it serves (`/ready`); a thread asks the
children that are not ready yet once a second, and `ready()` is true when every child answered.

Hung children: a process can live on without serving (a deadlock, an event loop blocked by a stuck call, a
SIGSTOP): no exit to notice. Once ready, a child with a ready URL is asked again every `probe_every`
seconds; when it has not answered for `hung_after` seconds (default 60, KWALIBOT_HUNG_AFTER: longer than a
busy server ever takes to answer its /ready, which needs no model and no database), its process group is
killed and it is restarted like a crashed child, the log saying it hung and for how long.
With `state_file` the children's pids, ports, starts and readiness are written there as JSON at
every change, for operators and for the cluster tests.

Each child runs in a session of its own (so Ctrl-C in the terminal reaches the supervisor only, which
then stops the children in order), except a `foreground` child that reads the terminal (`rasa shell`).
"""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

logger = logging.getLogger("kwalibot.supervisor")


@dataclass
class Child:
    """One process to keep running: its name (in the log), command line and environment."""
    name: str
    command: list[str]
    env: Optional[dict] = None
    cwd: Optional[Path] = None
    log: Optional[Path] = None  # output appended here; None: the supervisor's own stdout/stderr
    ready_url: Optional[str] = None  # answers 200 once the child serves; None: ready once started
    port: Optional[int] = None  # only reported in the state file
    # False: when this child ends, everything stops (a terminal chat that the user closed)
    restart: bool = True
    foreground: bool = False  # stays in the terminal's process group (it reads the terminal)
    # what the supervisor keeps about the running process
    process: Optional[subprocess.Popen] = field(default=None, repr=False)
    started_at: float = 0.0
    starts: list[float] = field(default_factory=list)  # monotonic times of the recent starts
    restart_at: Optional[float] = None  # when a crashed child is due to start again
    backoff: float = 0.0
    is_ready: bool = False
    last_exit: str = ""
    answered_at: float = 0.0  # monotonic time of its last answer on ready_url
    hung: str = ""  # why the supervisor killed it, when it stopped answering


def describe_exit(returncode: int) -> str:
    """'exit code 3' or 'signal SIGKILL' (Popen reports a signal as a negative return code)."""
    if returncode < 0:
        try:
            return f"signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"signal {-returncode}"
    return f"exit code {returncode}"


def answers(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


class Supervisor:
    def __init__(self, children: list[Child], state_file: Optional[Path] = None,
                 first_backoff: float = 1.0, max_backoff: float = 30.0, stable_after: float = 60.0,
                 max_starts: int = 5, within: float = 300.0, stop_timeout: float = 20.0,
                 hung_after: Optional[float] = None, probe_every: float = 5.0) -> None:
        names = [c.name for c in children]
        if len(set(names)) != len(names):
            raise ValueError(f"children need distinct names, got {names}")
        self.children = children
        self.state_file = state_file
        self.first_backoff, self.max_backoff, self.stable_after = first_backoff, max_backoff, stable_after
        self.max_starts, self.within, self.stop_timeout = max_starts, within, stop_timeout
        self.hung_after = hung_after if hung_after is not None else float(os.environ.get("KWALIBOT_HUNG_AFTER", 60))
        self.probe_every = min(probe_every, self.hung_after / 3)
        self.failure: Optional[str] = None  # why the supervisor gave up, if it did
        self.exit_code = 0
        self._stop = threading.Event()
        self._lock = threading.RLock()

    # -- the children ------------------------------------------------------------------------------
    def _start(self, child: Child) -> None:
        now = time.monotonic()
        child.starts = [t for t in child.starts if now - t < self.within] + [now]
        child.started_at, child.restart_at, child.is_ready = now, None, child.ready_url is None
        child.answered_at, child.hung = now, ""
        out = open(child.log, "ab") if child.log else None
        try:
            child.process = subprocess.Popen(child.command, cwd=child.cwd, env=child.env, stdout=out,
                                             stderr=subprocess.STDOUT if out else None,
                                             start_new_session=not child.foreground)
        except OSError as error:  # e.g. the program is gone: counts as a crash
            logger.error("%s could not be started: %s", child.name, error)
            self._plan_restart(child, f"not started ({error})", None)
            return
        finally:
            if out:
                out.close()  # the child has its own copy
        logger.info("%s started (pid %d)%s", child.name, child.process.pid,
                    f", start {len(child.starts)} within {self.within:.0f} s" if len(child.starts) > 1 else "")

    def _ended(self, child: Child, returncode: int) -> None:
        """`child` exited unasked: plan its restart, or give up."""
        pid = child.process.pid
        child.process = None
        if not child.restart:
            logger.info("%s (pid %d) ended with %s; stopping the others", child.name, pid, describe_exit(returncode))
            child.last_exit = describe_exit(returncode)
            self.exit_code = returncode if returncode > 0 else 0
            self._stop.set()
            return
        self._plan_restart(child, child.hung or describe_exit(returncode), pid)

    def _plan_restart(self, child: Child, why: str, pid: Optional[int]) -> None:
        lived = time.monotonic() - child.started_at
        child.last_exit, child.is_ready, child.process = why, False, None
        if len(child.starts) >= self.max_starts:
            self.failure = (f"{child.name} ended {len(child.starts)} times within {self.within:.0f} s "
                            f"(last: {why} after {lived:.1f} s); not restarting it, stopping everything")
            logger.error(self.failure)
            self.exit_code = 1
            self._stop.set()
            return
        child.backoff = self.first_backoff if lived >= self.stable_after or not child.backoff \
            else min(2 * child.backoff, self.max_backoff)
        child.restart_at = time.monotonic() + child.backoff
        logger.warning("%s%s ended with %s after %.1f s; restarting it in %.1f s", child.name,
                       f" (pid {pid})" if pid else "", why, lived, child.backoff)

    def check(self) -> None:
        """One round: notice ended children, start the ones that are due."""
        changed = False
        with self._lock:
            for child in self.children:
                if self._stop.is_set():
                    break
                if child.process is not None and child.process.poll() is not None:
                    self._ended(child, child.process.returncode)
                    changed = True
                if child.process is None and child.restart_at is not None and time.monotonic() >= child.restart_at \
                        and not self._stop.is_set():
                    self._start(child)
                    changed = True
        if changed:
            self._write_state()

    def _watch_readiness(self) -> None:
        while not self._stop.is_set():
            for child in list(self.children):
                with self._lock:
                    due = child.process is not None and not child.is_ready and child.ready_url
                    pid = child.process.pid if child.process else None
                if due and answers(child.ready_url, timeout=1):
                    with self._lock:
                        if child.process is not None and child.process.pid == pid:
                            child.is_ready = True
                            child.answered_at = time.monotonic()
                            logger.info("%s ready (pid %d), %.0f s after its start", child.name, pid,
                                        time.monotonic() - child.started_at)
                            if self.ready():
                                logger.info("all ready: %s", ", ".join(c.name for c in self.children))
                    self._write_state()
            self._probe_ready_children()
            self._stop.wait(1.0)

    def _probe_ready_children(self) -> None:
        """Ask each ready child that was last heard from `probe_every` ago; kill one silent for `hung_after`."""
        now = time.monotonic()
        for child in list(self.children):
            with self._lock:
                process = child.process
                due = process is not None and child.is_ready and child.ready_url and not child.hung \
                    and now - child.answered_at >= self.probe_every
                last = child.answered_at
            if not due:
                continue
            if answers(child.ready_url, timeout=min(5.0, self.hung_after / 3)):
                with self._lock:
                    if child.process is process:
                        child.answered_at = time.monotonic()
                continue
            silent = time.monotonic() - last
            if silent < self.hung_after or self._stop.is_set():
                continue
            with self._lock:
                if child.process is not process:
                    continue  # it ended or was restarted meanwhile
                child.hung = f"no answer on {child.ready_url} for {silent:.0f} s (hung; killed)"
                logger.error("%s (pid %d) gave %s", child.name, process.pid, child.hung)
                self._signal(process, signal.SIGKILL, child.foreground)

    def ready(self) -> bool:
        with self._lock:
            return all(c.process is not None and c.is_ready for c in self.children)

    # -- running and stopping ----------------------------------------------------------------------
    def start(self) -> None:
        """Start every child, in order, and the readiness watch."""
        with self._lock:
            for child in self.children:
                self._start(child)
        self._write_state()
        threading.Thread(target=self._watch_readiness, name="readiness", daemon=True).start()

    def request_stop(self, *_signal_args) -> None:
        self._stop.set()

    def run(self, handle_signals: bool = True) -> int:
        """Start the children and keep them running until SIGTERM/Ctrl-C (or `request_stop`);
        then stop them all. Returns the exit status: 0, or 1 when a child kept crashing."""
        if handle_signals:  # only possible in the main thread
            signal.signal(signal.SIGTERM, self.request_stop)
            signal.signal(signal.SIGINT, self.request_stop)
        try:
            self.start()
            while not self._stop.wait(0.2):
                self.check()
        finally:
            self.stop()
        return self.exit_code

    def stop(self) -> None:
        """Stop every child: SIGTERM to each one's process group, the last started first (the balancer
        stops taking requests before the servers behind it go), then SIGKILL to any still there after
        the timeout. They stop side by side, so stopping takes as long as the slowest child."""
        self._stop.set()
        with self._lock:
            running = []
            for child in reversed(self.children):
                if child.process is not None:
                    running.append((child, child.process))
                child.process, child.restart_at = None, None
            for child, process in running:
                if process.poll() is None:
                    self._signal(process, signal.SIGTERM, child.foreground)
            deadline = time.monotonic() + self.stop_timeout
            for child, process in running:
                try:
                    process.wait(timeout=max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    logger.warning("%s (pid %d) did not stop within %.1f s: killing it",
                                   child.name, process.pid, self.stop_timeout)
                    self._signal(process, signal.SIGKILL, child.foreground)
                    process.wait()
                if not child.foreground:
                    self._signal(process, signal.SIGKILL, False)  # anything it left behind in its group
                logger.info("%s (pid %d) stopped", child.name, process.pid)
        self._write_state()

    @staticmethod
    def _signal(process: subprocess.Popen, number: int, foreground: bool) -> None:
        try:
            if foreground:
                process.send_signal(number)
            else:
                os.killpg(process.pid, number)  # its own session: the group id is its pid
        except ProcessLookupError:
            pass

    # -- the state file ----------------------------------------------------------------------------
    def state(self) -> dict:
        with self._lock:
            children = {c.name: {"pid": c.process.pid if c.process else None, "port": c.port,
                                 "starts": len(c.starts), "ready": c.process is not None and c.is_ready,
                                 "last_exit": c.last_exit} for c in self.children}
        return {"supervisor_pid": os.getpid(), "ready": all(c["ready"] for c in children.values()),
                "failure": self.failure, "children": children}

    def _write_state(self) -> None:
        if self.state_file is None:
            return
        partial = self.state_file.with_suffix(f".{threading.get_ident()}.tmp")
        partial.write_text(json.dumps(self.state(), indent=2) + "\n")
        os.replace(partial, self.state_file)  # readers see a whole file, never half of one
