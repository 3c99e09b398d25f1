# Shell functions the benchmark scripts share; sourced, not run.

# The median of the numbers on stdin, one a line, to one decimal; fails when there is none.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# SIGKILL to every process whose command line carries `--marker $1` (this run's servers, and no one
# else's on a shared machine); prints their pids, and fails when there was none.
kill_marked() {
  local left
  left="$(pgrep -f -- "--marker $1" || true)"
  [[ -n "$left" ]] || return 1
  # shellcheck disable=SC2086 # one pid a word
  kill -KILL $left 2>/dev/null || true
  echo $left
}
