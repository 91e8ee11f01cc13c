"""The supervisor with real tiny child processes (`python -c …`): restarts, backoff, giving up,
readiness, stopping in order, SIGTERM to a real supervisor process. Each test takes a second or two."""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from bot.servers import free_port
from bot.supervisor import Child, Supervisor, describe_exit

ROOT = Path(__file__).resolve().parents[2]
SLEEP = [sys.executable, "-c", "import time; time.sleep(600)"]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (ended, not yet reaped by its parent) is gone for our purposes
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def wait_for(condition, timeout: float = 15.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


class Running:
    """A Supervisor running in a thread (no signal handlers there), stopped at the end of the test."""

    def __init__(self, supervisor: Supervisor) -> None:
        self.supervisor = supervisor
        self.status = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        self.status = self.supervisor.run(handle_signals=False)

    def __enter__(self) -> Supervisor:
        self.thread.start()
        wait_for(lambda: self.supervisor.failure or all(c.process for c in self.supervisor.children),
                 what="the first starts")
        return self.supervisor

    def __exit__(self, *_exc) -> None:
        self.supervisor.request_stop()
        self.thread.join(30)
        assert not self.thread.is_alive()


def pid(supervisor: Supervisor, name: str):
    child = next(c for c in supervisor.children if c.name == name)
    return child.process.pid if child.process else None


@pytest.mark.parametrize("returncode, text", [(3, "exit code 3"), (0, "exit code 0"), (-9, "signal SIGKILL"),
                                              (-15, "signal SIGTERM"), (-200, "signal 200")])
def test_an_exit_is_described_by_its_code_or_signal(returncode, text):
    assert describe_exit(returncode) == text


@pytest.mark.parametrize("how, logged", [("kill", "ended with signal SIGKILL"), ("exit", "ended with exit code 7")])
def test_a_child_that_dies_is_started_again_and_the_log_says_why(how, logged, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kwalibot.supervisor")
    flag = tmp_path / "exit-now"
    # exits with 7 when the flag file exists, else sleeps
    child = Child("worker", python(f"""
        import os, sys, time
        while not os.path.exists({str(flag)!r}): time.sleep(0.05)
        os.remove({str(flag)!r}); sys.exit(7)"""))
    with Running(Supervisor([child, Child("other", SLEEP)], first_backoff=0.1)) as supervisor:
        first, other = pid(supervisor, "worker"), pid(supervisor, "other")
        if how == "kill":
            os.kill(first, signal.SIGKILL)
        else:
            flag.touch()
        wait_for(lambda: pid(supervisor, "worker") not in (None, first), what="the restart")
        assert pid(supervisor, "other") == other  # the others are left alone
        assert len(child.starts) == 2
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"worker (pid {first}) {logged} after ") and m.endswith("restarting it in 0.1 s")
               for m in messages), messages


def test_quick_crashes_wait_longer_each_time_and_a_crash_loop_stops_everything(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kwalibot.supervisor")
    crashing = Child("crashing", python("import sys; sys.exit(3)"))
    survivor = Child("survivor", SLEEP)
    running = Running(Supervisor([survivor, crashing], first_backoff=0.1, max_starts=4, within=60))
    started = time.monotonic()
    with running as supervisor:
        survivor_pid = pid(supervisor, "survivor")
        running.thread.join(10)
    assert running.status == 1
    assert time.monotonic() - started < 10
    waits = [r.getMessage().rsplit(" in ", 1)[1] for r in caplog.records if "restarting it in" in r.getMessage()]
    assert waits == ["0.1 s", "0.2 s", "0.4 s"]
    assert supervisor.failure.startswith("crashing ended 4 times within 60 s (last: exit code 3 after ")
    assert supervisor.failure.endswith("not restarting it, stopping everything")
    assert survivor.process is None and not alive(survivor_pid)


def test_the_pause_starts_short_again_after_a_child_ran_stably(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kwalibot.supervisor")
    child = Child("worker", SLEEP)
    with Running(Supervisor([child], first_backoff=0.1, stable_after=1.0)) as supervisor:
        for expected in (0.1, 0.2, 0.4):  # quick crashes: doubled
            before = pid(supervisor, "worker")
            os.kill(before, signal.SIGKILL)
            wait_for(lambda: pid(supervisor, "worker") not in (None, before), what="the restart")
            assert child.backoff == pytest.approx(expected)
        time.sleep(1.2)  # ran longer than stable_after
        before = pid(supervisor, "worker")
        os.kill(before, signal.SIGKILL)
        wait_for(lambda: pid(supervisor, "worker") not in (None, before), what="the restart")
        assert child.backoff == pytest.approx(0.1)


def test_ready_once_every_child_answers_its_ready_url(tmp_path):
    port = free_port()
    # answers HTTP after a pause, like a server loading its model
    late_server = python(f"""
        import time, http.server
        time.sleep(3.0)
        http.server.HTTPServer(("127.0.0.1", {port}), http.server.SimpleHTTPRequestHandler).serve_forever()""")
    state = tmp_path / "state.json"
    children = [Child("server", late_server, cwd=tmp_path, ready_url=f"http://127.0.0.1:{port}/", port=port),
                Child("plain", SLEEP)]
    with Running(Supervisor(children, state_file=state)) as supervisor:
        assert not supervisor.ready()
        wait_for(lambda: state.exists() and json.loads(state.read_text())["children"]["plain"]["ready"] is True,
                 what="the plain child recorded as ready")
        wait_for(supervisor.ready, what="readiness")
        written = json.loads(state.read_text())
        assert written["ready"] is True
        assert written["children"]["server"] == {"pid": pid(supervisor, "server"), "port": port, "starts": 1,
                                                 "ready": True, "last_exit": ""}
        os.kill(pid(supervisor, "server"), signal.SIGKILL)
        wait_for(lambda: not supervisor.ready(), what="unready after the kill")
        wait_for(supervisor.ready, what="ready again after the restart")
        assert json.loads(state.read_text())["children"]["server"]["starts"] == 2


def test_a_ready_child_that_stops_answering_is_killed_and_started_again(tmp_path, caplog):
    port = free_port()
    server = python(f"""
        import http.server
        http.server.HTTPServer(("127.0.0.1", {port}), http.server.SimpleHTTPRequestHandler).serve_forever()""")
    children = [Child("server", server, cwd=tmp_path, ready_url=f"http://127.0.0.1:{port}/", port=port)]
    caplog.set_level(logging.INFO, logger="kwalibot.supervisor")
    with Running(Supervisor(children, hung_after=3.0)) as supervisor:
        wait_for(supervisor.ready, what="readiness")
        time.sleep(2.0)  # probed and answering: a quiet, ready child is left alone
        first = pid(supervisor, "server")
        assert supervisor.children[0].hung == "" and len(supervisor.children[0].starts) == 1
        os.kill(first, signal.SIGSTOP)  # alive, but serving nothing
        wait_for(lambda: pid(supervisor, "server") not in (None, first), timeout=20, what="the restart")
        assert not alive(first)
        wait_for(supervisor.ready, what="ready again")
        assert "hung; killed" in supervisor.children[0].last_exit
    assert f"server (pid {first}) gave no answer on http://127.0.0.1:{port}/ for" in caplog.text
    assert "ended with no answer" in caplog.text and "restarting it in" in caplog.text


def test_stop_ends_the_children_last_started_first_and_kills_one_that_ignores_sigterm(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kwalibot.supervisor")
    stubborn = Child("stubborn", python("""
        import signal, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        time.sleep(600)"""))
    children = [Child("first", SLEEP), stubborn, Child("last", SLEEP)]
    supervisor = Supervisor(children, stop_timeout=0.5)
    with Running(supervisor):
        time.sleep(0.3)  # let the stubborn child install its handler
        pids = {c.name: c.process.pid for c in children}
    assert not any(alive(p) for p in pids.values())
    stopped = [r.getMessage().split(" ")[0] for r in caplog.records if r.getMessage().endswith(" stopped")]
    assert stopped == ["last", "stubborn", "first"]
    assert any(r.getMessage() == f"stubborn (pid {pids['stubborn']}) did not stop within 0.5 s: killing it"
               for r in caplog.records)


def test_a_child_without_restart_ending_stops_the_others_with_its_status():
    chat = Child("chat", python("import time, sys; time.sleep(0.3); sys.exit(4)"), restart=False)
    other = Child("other", SLEEP)
    supervisor = Supervisor([other, chat])
    assert supervisor.run(handle_signals=False) == 4
    assert other.process is None and other.starts and len(chat.starts) == 1


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_a_supervisor_process_stops_its_children_on_sigterm_and_ctrl_c(tmp_path, signal_number):
    state = tmp_path / "state.json"
    program = python(f"""
        import logging, sys
        from pathlib import Path
        from bot.supervisor import Child, Supervisor
        logging.basicConfig(level=logging.INFO)
        sleep = [sys.executable, "-c", "import time; time.sleep(600)"]
        sys.exit(Supervisor([Child("a", sleep), Child("b", sleep)], state_file=Path({str(state)!r})).run())""")
    supervisor = subprocess.Popen(program, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: state.exists() and all(c["pid"] for c in json.loads(state.read_text())["children"].values()),
                 what="both children started")
        pids = [c["pid"] for c in json.loads(state.read_text())["children"].values()]
        supervisor.send_signal(signal_number)
        assert supervisor.wait(30) == 0
        log = supervisor.stderr.read()
        assert not any(alive(p) for p in pids), log
        assert f"b (pid {pids[1]}) stopped" in log and f"a (pid {pids[0]}) stopped" in log, log
        assert "restarting" not in log, log  # a stop is not a crash
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
