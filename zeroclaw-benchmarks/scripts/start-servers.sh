#!/usr/bin/env bash
# Issue 13, target 5 (its "10 servers" half): `zeroclaw daemon` with 10 fixture servers, from the
# launch of the JVM to every server READY, next to the machine's floor for starting 10 (the driver
# of mass-restart.sh: 10 fixtures at once, each in its own session, until each answered initialize and
# tools/list), measured in the same run. Times come from the daemon's own log (its first line
# `daemon pid=...`, written just before the servers start, and the last `state=READY`), so the
# figure is given twice: with the daemon's JVM start (launch -> all READY) and without it
# ('daemon pid=' -> all READY); the JVM start itself is the client-commands work.
# Asserts nothing about time; exits 1 only when something is wrong.
#
# Usage: zeroclaw-benchmarks/scripts/start-servers.sh [--runs N] [--servers 10] [--jar PATH] [--java-opts="-X..."]
# --runs 1 is the smoke mode .ci/run uses. Needs: the built jar, java, python3.
exec python3 "$(dirname "${BASH_SOURCE[0]}")/restart_bench.py" start "$@"
