#!/usr/bin/env python3
"""The driver of mass-restart.sh and start-servers.sh (python3 standard library only).

Two measurements, each next to the machine's floor measured in the same run:

  restarts  100 servers READY in a real daemon; the config changes N of them (one env value each);
            SIGHUP; time until every changed server is READY again with a new process, i.e. its
            new instance answered initialize and tools/list and took over.
  start     `zeroclaw daemon` with 10 servers: launch to all READY.

The floor: this driver starts N fixture processes at once, each in a session of its own made in
the child before its exec (as the daemon's posix_spawn with POSIX_SPAWN_SETSID does; no `setsid`
program in between), writes each `initialize` as soon as it is spawned, then `tools/list` once `initialize`
is answered, and times until the last `tools/list` answer. Every server in both is
fixture_server.py, run by python3.

The daemon's times are read from its own log (INFO, millisecond timestamps, the same wall clock as
this driver's): a restart ends at the reload's report line `reload id=... restarted=N`, which the
daemon writes once every changed server's new instance is READY (answered tools/list) and serving;
the start ends at the last `state=READY` line. Reading the log costs the daemon nothing, where
polling its control socket every few milliseconds would take CPU from the starts being timed.
After each shot, untimed, the control socket's status confirms every changed server is READY with
a new pid, and the driver waits until every old process has exited and the daemon is idle (under
10 ms of CPU in 0.3 s), so that no shot shares the CPU
with the previous one's stop sequences.

Prints medians and ratios; asserts nothing about time. Exit 1 only when something is wrong (a server
did not come up, a pid did not change, the daemon did not stop cleanly, a process outlived it).
"""
import argparse
import json
import os
import re
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(HERE, "fixture_server.py")
JAR = os.path.join(ROOT, "zeroclaw-daemon", "target", "zeroclaw.jar")
PROTOCOL = "2025-06-18"
LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|[+-]\d\d:\d\d))\s")


class Failure(Exception):
    pass


def log_time(line):
    """Seconds since the epoch of a daemon log line (2026-11-30T19:02:03.123Z), or None."""
    match = LOG_TIME.match(line)
    if not match:
        return None
    text = match.group(1).replace("Z", "+00:00")
    return datetime.fromisoformat(text).timestamp()


# --- the floor ------------------------------------------------------------------------------

def floor(count, marker, timeout=120.0):
    """Seconds to start `count` fixtures at once and have each answer initialize and tools/list."""
    selector = selectors.DefaultSelector()
    processes = []
    pending = {}
    started = time.time()
    for i in range(count):
        process = subprocess.Popen(["python3", FIXTURE, "--marker", marker], start_new_session=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   bufsize=0)
        processes.append(process)
        request(process, 1, "initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                           "clientInfo": {"name": "floor", "version": "1"}})
        pending[process.stdout.fileno()] = [process, b"", 1]
        selector.register(process.stdout, selectors.EVENT_READ)
    deadline = started + timeout
    ended = None
    while pending:
        if time.time() > deadline:
            raise Failure("floor: %d of %d fixtures did not answer in %.0f s" % (len(pending), count, timeout))
        for key, _ in selector.select(timeout=1.0):
            fd = key.fd
            state = pending[fd]
            chunk = os.read(fd, 65536)
            if not chunk:
                raise Failure("floor: a fixture ended before answering")
            state[1] += chunk
            while b"\n" in state[1]:
                line, state[1] = state[1].split(b"\n", 1)
                answer = json.loads(line)
                if answer.get("id") == 1:
                    write(state[0], {"jsonrpc": "2.0", "method": "notifications/initialized"})
                    request(state[0], 2, "tools/list", {})
                elif answer.get("id") == 2:
                    if len(answer["result"]["tools"]) != 3:
                        raise Failure("floor: tools/list did not list 3 tools")
                    selector.unregister(key.fileobj)
                    del pending[fd]
                    ended = time.time()
    elapsed = ended - started
    # Untimed: every fixture ends on stdin's EOF, and is reaped.
    for process in processes:
        process.stdin.close()
    for process in processes:
        process.wait(timeout=30)
        process.stdout.close()
    selector.close()
    return elapsed


def request(process, id_, method, params):
    write(process, {"jsonrpc": "2.0", "id": id_, "method": method, "params": params})


def write(process, message):
    process.stdin.write((json.dumps(message) + "\n").encode())


# --- the daemon -----------------------------------------------------------------------------

class Daemon:
    """A real `java -jar zeroclaw.jar daemon`, its log in a file."""

    def __init__(self, work, servers, marker, java_opts, jar):
        self.work = work
        self.config = os.path.join(work, "config.toml")
        self.runtime = os.path.join(work, "run")
        self.log_path = os.path.join(work, "daemon.log")
        self.names = ["fixture-%03d" % i for i in range(servers)]
        self.generation = {name: 0 for name in self.names}
        self.marker = marker
        self.java_opts = java_opts
        self.jar = jar
        self.process = None
        self.log_offset = 0
        self.gateway_port = free_port()
        self.write_config()

    def write_config(self):
        # A port of its own: another daemon on this machine may hold the default 8765.
        lines = ["[mcp]", "enabled = true", "", "[mcp.gateway]", 'listen = "127.0.0.1:%d"' % self.gateway_port, ""]
        for name in self.names:
            lines += ["[[mcp.servers]]", 'name = "%s"' % name, 'transport = "stdio"', 'command = "python3"',
                      'args = [%s, "--marker", %s]' % (json.dumps(FIXTURE), json.dumps(self.marker)),
                      # Generous: a hundred processes starting at once on a busy machine must not time out.
                      "startup_timeout_secs = 120",
                      'env = { "GENERATION" = "%d" }' % self.generation[name], ""]
        temporary = self.config + ".tmp"
        with open(temporary, "w") as out:
            out.write("\n".join(lines))
        os.replace(temporary, self.config)

    def launch(self):
        log = open(self.log_path, "ab")
        started = time.time()
        self.process = subprocess.Popen(["java"] + self.java_opts + ["-jar", self.jar, "daemon", "--config", self.config,
                                                                      "--runtime-dir", self.runtime],
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return started

    def lines_since(self, offset):
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            data = log.read()
        # Whole lines only; a partial last line is read again next time.
        end = data.rfind(b"\n") + 1
        return offset + end, data[:end].decode("utf-8", "replace").splitlines()

    def await_line(self, predicate, timeout, what):
        """The first whole log line after log_offset that predicate accepts; moves log_offset past it."""
        deadline = time.time() + timeout
        offset = self.log_offset
        while True:
            offset_after, lines = self.lines_since(offset)
            consumed = offset
            for line in lines:
                consumed += len(line.encode("utf-8", "replace")) + 1
                if predicate(line):
                    self.log_offset = consumed
                    return line
            offset = offset_after
            if self.process.poll() is not None:
                raise Failure("the daemon exited (status %s) while waiting for %s; see %s"
                              % (self.process.returncode, what, self.log_path))
            if time.time() > deadline:
                raise Failure("no %s within %.0f s; see %s" % (what, timeout, self.log_path))
            time.sleep(0.005)

    def status(self):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.settimeout(30)
            connection.connect(os.path.join(self.runtime, "control.sock"))
            connection.sendall(b'{"command": "status"}\n')
            answer = b""
            while b"\n" not in answer:
                chunk = connection.recv(1 << 20)
                if not chunk:
                    break
                answer += chunk
            return json.loads(answer.split(b"\n", 1)[0])
        finally:
            connection.close()

    def pids(self):
        return {server["name"]: (server["state"], server.get("pid")) for server in self.status()["servers"]}

    def cpu_seconds(self):
        """The daemon JVM's own CPU time so far (user + system; its servers not included)."""
        with open("/proc/%d/stat" % self.process.pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def threads(self):
        with open("/proc/%d/status" % self.process.pid) as status:
            return int(next(line.split()[1] for line in status if line.startswith("Threads:")))

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return 0 if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise Failure("the daemon did not stop within 60 s of SIGTERM")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def marked(marker):
    """Pids of live processes whose command line holds marker."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as cmdline:
                if marker.encode() in cmdline.read():
                    with open("/proc/%s/stat" % entry) as stat:
                        if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                            found.append(int(entry))
        except OSError:
            pass
    return found


def await_gone(pids, timeout):
    deadline = time.time() + timeout
    left = list(pids)
    while left:
        left = [pid for pid in left if os.path.exists("/proc/%d" % pid) and not zombie(pid)]
        if time.time() > deadline:
            raise Failure("old server processes still running %.0f s after the reload: %s" % (timeout, left))
        time.sleep(0.01)


def await_quiet(daemon, timeout, window=0.3, busy=0.01):
    """Waits until the daemon JVM used less than `busy` s of CPU over `window` s."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        used = daemon.cpu_seconds()
        time.sleep(window)
        if daemon.cpu_seconds() - used < busy:
            return
    raise Failure("the daemon was still busy %.0f s after the reload" % timeout)


def zombie(pid):
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def await_all_ready(daemon, count, timeout):
    deadline = time.time() + timeout
    while True:
        try:
            servers = daemon.pids()
            if len(servers) == count and all(state == "READY" for state, _ in servers.values()):
                return servers
        except (OSError, ValueError):
            pass
        if daemon.process.poll() is not None:
            raise Failure("the daemon exited (status %s); see %s" % (daemon.process.returncode, daemon.log_path))
        if time.time() > deadline:
            raise Failure("not every server READY within %.0f s; see %s" % (timeout, daemon.log_path))
        time.sleep(0.05)


def stop_cleanly(daemon, marker):
    """SIGTERM; the daemon must exit 0 and leave no process of this run behind."""
    status = daemon.stop()
    if status != 0:
        raise Failure("the daemon exited with status %d after SIGTERM" % status)
    left = marked(marker)
    if left:
        raise Failure("fixture processes outlived the daemon: %s" % left)


def spread(names, count):
    """count names spread evenly over the list."""
    step = len(names) / count
    return [names[int(i * step)] for i in range(count)]


# --- the two benchmarks ---------------------------------------------------------------------

def restarts(args):
    sizes = [int(n) for n in args.sizes.split()]
    marker = "zeroclaw-restart-bench-%d" % os.getpid()
    work = tempfile.mkdtemp(prefix="zeroclaw-restarts-")
    daemon = Daemon(work, args.servers, marker, args.java_opts.split(), args.jar)
    print("SIGHUP -> every changed server READY again (new instance answered tools/list), %d servers;"
          " floor: N fixtures started at once, each in its own session; %d run(s) per N" % (args.servers, args.runs))
    print(machine())
    times = {n: [] for n in sizes}
    floors = {n: [] for n in sizes}
    breakdowns = {n: [] for n in sizes}
    cpu = {n: [] for n in sizes}
    threads = {n: [] for n in sizes}
    try:
        daemon.launch()
        await_all_ready(daemon, args.servers, 300)
        # Once READY, the daemon warms its reload decision path for up to 3 s (Daemon.WARM_UP_BUDGET)
        # beside everything else: the shots measure the daemon after it, as it runs for hours.
        time.sleep(args.settle)
        daemon.log_offset = daemon.lines_since(0)[0]
        reload_id = 0
        for run in range(args.runs):
            for n in sizes:
                floors[n].append(floor(n, marker))
                changed = spread(daemon.names, n)
                before = daemon.pids()
                for name in changed:
                    daemon.generation[name] += 1
                daemon.write_config()
                reload_id += 1
                cpu_before = daemon.cpu_seconds()
                sent = time.time()
                os.kill(daemon.process.pid, signal.SIGHUP)
                report = daemon.await_line(lambda line: " reload id=%d " % reload_id in line and "duration_ms=" in line,
                                           300, "report of reload %d" % reload_id)
                if " restarted=%d " % n not in report or " failed=0 " not in report:
                    raise Failure("reload %d did not restart %d servers cleanly: %s" % (reload_id, n, report))
                cpu[n].append(daemon.cpu_seconds() - cpu_before)
                threads[n].append(daemon.threads())
                times[n].append(log_time(report) - sent)
                breakdowns[n].append(breakdown(daemon, report, sent))
                after = daemon.pids()
                for name in changed:
                    state, pid = after[name]
                    if state != "READY" or pid == before[name][1]:
                        raise Failure("%s after reload %d: %s pid %s (was %s)" % (name, reload_id, state, pid, before[name][1]))
                # Untimed: the old instances' stop sequences end before the next shot, and so does the
                # daemon's own work after them (the sweeps for processes that left a server's group),
                # or a small shot after a large one would be timed on a busy daemon.
                await_gone([before[name][1] for name in changed], 120)
                await_quiet(daemon, 60)
        stop_cleanly(daemon, marker)
    finally:
        if daemon.process is not None and daemon.process.poll() is None:
            daemon.process.kill()
        for pid in marked(marker):
            os.kill(pid, signal.SIGKILL)
    print("%-6s %5s %12s %12s %8s   %s" % ("N", "runs", "daemon_ms", "floor_ms", "ratio", "daemon, medians: to first spawn /"
                                           " first READY / last READY / report (ms after SIGHUP); JVM CPU ms; threads"))
    for n in sizes:
        d, f = statistics.median(times[n]) * 1000, statistics.median(floors[n]) * 1000
        parts = [statistics.median(b[i] for b in breakdowns[n]) * 1000 for i in range(4)]
        print("%-6d %5d %12.1f %12.1f %8.2f   %s; %.0f; %d" % (n, len(times[n]), d, f, d / f, " / ".join("%.0f" % p for p in parts),
                                                           statistics.median(cpu[n]) * 1000, statistics.median(threads[n])))
    print("daemon log: %s (kept with --keep)" % daemon.log_path if args.keep else "")
    if not args.keep:
        subprocess.run(["rm", "-rf", work])


def breakdown(daemon, report, sent):
    """From the reload's own log lines: first spawn, first and last READY, the report, in seconds after sent."""
    _, lines = daemon.lines_since(0)
    first_spawn = first_ready = last_ready = None
    for line in lines:
        at = log_time(line)
        if at is None or at < sent - 0.001:
            continue
        if "starting a new instance beside" in line and first_spawn is None:
            first_spawn = at
        if " state=READY was=READY " in line:
            first_ready = at if first_ready is None else first_ready
            last_ready = at
        if line == report:
            break
    return [(x or 0) - sent for x in (first_spawn, first_ready, last_ready)] + [log_time(report) - sent]


def start(args):
    marker = "zeroclaw-start-bench-%d" % os.getpid()
    print("zeroclaw daemon with %d servers: launch -> all READY; floor: %d fixtures started at once, each in its own session;"
          " %d run(s)" % (args.servers, args.servers, args.runs))
    print(machine())
    whole, servers_only, floors, jvm = [], [], [], []
    try:
        for run in range(args.runs):
            floors.append(floor(args.servers, marker))
            work = tempfile.mkdtemp(prefix="zeroclaw-start-")
            daemon = Daemon(work, args.servers, marker, args.java_opts.split(), args.jar)
            launched = daemon.launch()
            up = daemon.await_line(lambda line: " daemon pid=" in line, 120, "the daemon's first line")
            last = None
            for _ in daemon.names:
                last = daemon.await_line(lambda line: " state=READY was=STARTING " in line, 120, "READY lines")
            whole.append(log_time(last) - launched)
            servers_only.append(log_time(last) - log_time(up))
            jvm.append(log_time(up) - launched)
            await_all_ready(daemon, args.servers, 10)
            stop_cleanly(daemon, marker)
            subprocess.run(["rm", "-rf", work])
    finally:
        for pid in marked(marker):
            os.kill(pid, signal.SIGKILL)
    f = statistics.median(floors) * 1000
    w = statistics.median(whole) * 1000
    s = statistics.median(servers_only) * 1000
    print("%-34s %10s %8s" % ("", "median_ms", "ratio"))
    print("%-34s %10.1f" % ("floor: start %d at once" % args.servers, f))
    print("%-34s %10.1f %8.2f" % ("daemon: launch -> all READY", w, w / f))
    print("%-34s %10.1f" % ("  of which launch -> 'daemon pid='", statistics.median(jvm) * 1000))
    print("%-34s %10.1f %8.2f" % ("daemon: 'daemon pid=' -> all READY", s, s / f))


def machine():
    with open("/proc/loadavg") as load:
        average = " ".join(load.read().split()[:3])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return "machine: %d CPUs, load average %s; %s; %s" % (os.cpu_count(), average, java, sys.version.split()[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmark", choices=["restarts", "start"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--servers", type=int, help="servers in the daemon (restarts: 100, start: 10)")
    parser.add_argument("--sizes", default="1 10 100", help="restarts: the values of N")
    parser.add_argument("--java-opts", default=os.environ.get("ZEROCLAW_JAVA_OPTS", ""))
    parser.add_argument("--settle", type=float, default=4.0,
                        help="restarts: seconds between all READY and the first shot (the daemon's warm-up)")
    parser.add_argument("--jar", default=JAR, help="the daemon's jar (default: the build's)")
    parser.add_argument("--keep", action="store_true", help="keep the daemon's work directory and log")
    args = parser.parse_args()
    if args.servers is None:
        args.servers = 100 if args.benchmark == "restarts" else 10
    for tool in ("java",):
        if shutil.which(tool) is None:
            print("%s is not on PATH" % tool, file=sys.stderr)
            return 2
    if not os.path.isfile(args.jar):
        print("no %s; build it: mvn -B -q -pl zeroclaw-daemon -am package -DskipTests" % args.jar, file=sys.stderr)
        return 2
    try:
        (restarts if args.benchmark == "restarts" else start)(args)
    except Failure as e:
        print("%s: %s" % (args.benchmark, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
