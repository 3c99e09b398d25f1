#!/usr/bin/env bash
# Issue 13, target 3: mass restarts next to the machine's floor, in the same run.
#   100 fixture servers READY in a real daemon (java -jar zeroclaw-daemon/target/zeroclaw.jar daemon
#   --config X --runtime-dir Y); the config changes N of them (one env value each), then a real
#   SIGHUP; timed until the reload's report line, which the daemon writes once every changed server's
#   new instance answered initialize and tools/list and serves. The floor: N of the same fixture
#   started at once, each in its own session, from a small driver, timed until each answered initialize and
#   tools/list. Both sides run scripts/fixture_server.py with python3.
# Prints per N the medians (daemon, floor), their ratio, and where the daemon's time went (from its
# log: first spawn, first and last READY, the report; its JVM's CPU time; its threads). Asserts
# nothing about time; exits 1 only when something is wrong (a server not back, a pid not new, a
# process left behind). Details: restart_bench.py's docstring and docs/benchmarks.md.
#
# Usage: zeroclaw-benchmarks/scripts/mass-restart.sh [--runs N] [--sizes "1 10 100"] [--servers 100]
#        [--settle 4] [--jar PATH] [--java-opts="-X..."] [--keep]
# --runs 1 is the smoke mode .ci/run uses. Needs: the built jar, java, python3.
exec python3 "$(dirname "${BASH_SOURCE[0]}")/restart_bench.py" restarts "$@"
