#!/usr/bin/env bash
# Checks the release that `mvn verify` left in zeroclaw-dist/target the way an operator and a plugin author
# meet it, without installing anything into the system: the linux-x64 archive unpacked into a temporary
# directory and the .deb extracted with `dpkg -x` into a temporary root, each run with
# `env -i PATH=/usr/bin:/bin HOME=<tmp>` (no JAVA_HOME, no Maven): --version, config check on its own
# config, the daemon until every server is READY, status, reload (an unchanged file, then a changed one),
# connect, SIGTERM and no process left. Then both systemd units with systemd-analyze verify, the .deb with
# lintian, the runtime's modules against jdeps and its TLS, the archive without a runtime on the machine's
# Java, and the example plugin built against the unpacked SDK alone.
#
# Needs: a JDK (javac, jdeps), Maven and Maven Central (the plugin build), dpkg, systemd-analyze; installs
# lintian with apt when it is missing. Run from anywhere; exits non-zero at the first failure.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
target="$repo/zeroclaw-dist/target"

# lintian warnings the docs list with their reason (docs/operations.md, "The Debian package"); any other
# warning fails the check, as an error does.
known_lintian_warnings="jar-not-in-usr-share codeless-jar initial-upload-closes-no-bugs"
# Modules jdeps names for lib/ that the runtime leaves out on purpose (docs/adr/0003-release-packaging.md).
modules_left_out="java.compiler java.desktop java.sql"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'check-release: FAILED: %s\n' "$*" >&2; exit 1; }

archive=$(ls "$target"/zeroclaw-*-linux-x64.tar.gz 2>/dev/null | head -1) || true
[[ -n "$archive" ]] || fail "no $target/zeroclaw-*-linux-x64.tar.gz: run 'mvn verify' first (on Linux x86-64)"
name=$(basename "$archive" -linux-x64.tar.gz)   # zeroclaw-<version>
version=${name#zeroclaw-}
plain="$target/$name.tar.gz"
deb=$(ls "$target"/zeroclaw_*_amd64.deb | head -1)
[[ -f "$plain" && -f "$deb" ]] || fail "the build left $plain or the .deb out"

work=$(mktemp -d "${TMPDIR:-/tmp}/zeroclaw-release.XXXXXX")
daemon_pid=""
connect_pid=""
cleanup() {
  # Only what this script started, by pid.
  [[ -n "$connect_pid" ]] && kill "$connect_pid" 2>/dev/null || true
  [[ -n "$daemon_pid" ]] && kill -KILL "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Runs a zeroclaw command the way a fresh shell would: nothing of this environment but PATH and HOME.
# $1: the launcher; $2: the working directory; $3: HOME; the rest: the command line.
run() {
  local launcher=$1 cwd=$2 home=$3
  shift 3
  (cd "$cwd" && env -i PATH=/usr/bin:/bin HOME="$home" "$launcher" "$@")
}

# The operator's first steps on one installed copy. $1: a label; $2: the launcher; $3: the working
# directory the daemon runs in (relative commands of the config resolve there); $4: the config file.
check_install() {
  local label=$1 launcher=$2 cwd=$3 config=$4
  local home="$work/home-$label" log="$work/daemon-$label.log"
  mkdir -p "$home"

  step "$label: --version"
  local out
  out=$(run "$launcher" "$cwd" "$home" --version) || fail "$label: --version exited $?"
  echo "$out"
  [[ $out == *"zeroclaw $version"* ]] || fail "$label: --version does not say $version"

  step "$label: config check $config"
  run "$launcher" "$cwd" "$home" config check --config "$config" || fail "$label: config check exited $?"

  step "$label: daemon until every server is READY"
  # The example's gateway port, 8765, may be taken on a shared machine (tests of other checkouts use it):
  # move it, in this temporary copy, to one nothing listens on, as an operator would.
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  sed -i "s/^listen = \"127.0.0.1:8765\"/listen = \"127.0.0.1:$port\"/" "$config"
  grep -q "^listen = \"127.0.0.1:$port\"" "$config" || fail "$label: no listen = \"127.0.0.1:8765\" line in $config"
  (cd "$cwd" && exec env -i PATH=/usr/bin:/bin HOME="$home" "$launcher" daemon --config "$config") >"$log" 2>&1 &
  daemon_pid=$!
  local status="" deadline=$((SECONDS + 120))
  while :; do
    kill -0 "$daemon_pid" 2>/dev/null || { cat "$log"; fail "$label: the daemon exited before it was ready"; }
    if status=$(run "$launcher" "$cwd" "$home" status --json 2>/dev/null); then
      local servers ready
      servers=$(grep -o '"state":"[A-Z]*"' <<<"$status" | wc -l || true)
      ready=$(grep -o '"state":"READY"' <<<"$status" | wc -l || true)
      ((servers > 0 && servers == ready)) && break
    fi
    ((SECONDS < deadline)) || { cat "$log"; fail "$label: not every server READY within 120 s: $status"; }
    sleep 0.5
  done
  local server_pids
  server_pids=$(grep -o '"pid":[0-9]*' <<<"$status" | cut -d: -f2 | tr '\n' ' ' || true)

  step "$label: status"
  out=$(run "$launcher" "$cwd" "$home" status) || fail "$label: status exited $?"
  echo "$out"
  [[ $out == *"gateway http://127.0.0.1:$port/mcp"* ]] || fail "$label: the gateway is not listening on $port"

  step "$label: reload (the file unchanged)"
  run "$launcher" "$cwd" "$home" reload || fail "$label: reload exited $?"

  step "$label: reload after a live setting changed"
  sed -i 's/^tool_timeout_secs = 60 /tool_timeout_secs = 61 /' "$config"
  out=$(run "$launcher" "$cwd" "$home" reload) || fail "$label: reload exited $?: $out"
  echo "$out"
  [[ $out == *"1 updated"* ]] || fail "$label: the reload did not update the changed server"

  step "$label: reload --dry-run --json, transports, diff"
  run "$launcher" "$cwd" "$home" reload --dry-run --json || fail "$label: reload --dry-run exited $?"
  echo
  run "$launcher" "$cwd" "$home" transports || fail "$label: transports exited $?"
  run "$launcher" "$cwd" "$home" diff "$config" "$config" || fail "$label: diff of a file with itself exited $?"

  step "$label: connect (initialize, tools/list through the gateway)"
  coproc CONNECT { cd "$cwd" && exec env -i PATH=/usr/bin:/bin HOME="$home" "$launcher" connect --config "$config" 2>"$work/connect-$label.err"; }
  connect_pid=$CONNECT_PID
  local to_connect=${CONNECT[1]} from_connect=${CONNECT[0]} line tools=""
  printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"check-release","version":"1"}}}' >&"$to_connect"
  printf '%s\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >&"$to_connect"
  while IFS= read -r -t 60 line <&"$from_connect"; do
    if [[ $line == *'"id":2'* ]]; then tools=$line; break; fi
  done
  eval "exec $to_connect>&-"
  wait "$connect_pid" || true
  connect_pid=""
  [[ $tools == *clock__get_time* && $tools == *echo__echo* ]] \
    || { cat "$work/connect-$label.err"; fail "$label: tools/list through connect: ${tools:-no answer}"; }
  echo "tools/list: clock__get_time, echo__echo"

  step "$label: SIGTERM"
  kill -TERM "$daemon_pid"
  local code=0
  wait "$daemon_pid" || code=$?
  daemon_pid=""
  tail -3 "$log"
  ((code == 0)) || fail "$label: the daemon exited $code on SIGTERM"
  for pid in $server_pids; do
    ! kill -0 "$pid" 2>/dev/null || fail "$label: server process $pid outlived the daemon"
  done
  local left
  left=$(pgrep -f -- "$cwd" || true)
  [[ -z "$left" ]] || fail "$label: processes of $cwd left running: $left"
  echo "daemon exited 0; its processes ($server_pids) gone; nothing of $cwd left running"
}

step "tools"
command -v systemd-analyze >/dev/null || fail "systemd-analyze (package systemd) is needed"
command -v dpkg >/dev/null || fail "dpkg is needed"
if ! command -v lintian >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null
fi
echo "$(systemd-analyze --version | head -1); lintian $(lintian --version | cut -d' ' -f2)"
ls -l "$archive" "$plain" "$deb"

# 1. The linux-x64 archive, unpacked, with its own runtime.
mkdir -p "$work/archive"
tar -xzf "$archive" -C "$work/archive"
release="$work/archive/$name"
check_install archive "$release/bin/zeroclaw" "$release" "$release/conf/config.toml"

# 2. The .deb, extracted into a root of its own: /usr/bin/zeroclaw is a relative symbolic link, and the
#    unit runs the daemon in /usr/lib/zeroclaw.
step "deb: contents"
root="$work/root"
dpkg -x "$deb" "$root"
dpkg-deb -f "$deb" Package Version Architecture Depends
[[ -L "$root/usr/bin/zeroclaw" ]] || fail "deb: /usr/bin/zeroclaw is not a symbolic link"
[[ -f "$root/lib/systemd/system/zeroclaw.service" ]] || fail "deb: no /lib/systemd/system/zeroclaw.service"
[[ -f "$root/usr/share/doc/zeroclaw/examples/zeroclaw-notify-reload.service" ]] || fail "deb: no notify-reload example unit"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/zeroclaw/config.toml \
  || fail "deb: /etc/zeroclaw/config.toml is not a conffile"
check_install deb "$root/usr/bin/zeroclaw" "$root/usr/lib/zeroclaw" "$root/etc/zeroclaw/config.toml"

# 3. Both units as installed, their paths moved into the temporary root. systemd older than 253 does not
#    know Type=notify-reload and ReloadSignal=: it must say exactly that about the variant, and nothing else.
step "systemd-analyze verify"
mkdir -p "$work/units"
for unit in "$root/lib/systemd/system/zeroclaw.service" "$root/usr/share/doc/zeroclaw/examples/zeroclaw-notify-reload.service"; do
  sed -e "s|/usr/bin/zeroclaw|$root/usr/bin/zeroclaw|g" -e "s|^WorkingDirectory=/usr/lib/zeroclaw|WorkingDirectory=$root/usr/lib/zeroclaw|" \
    "$unit" >"$work/units/$(basename "$unit")"
done
# The two are one unit but for how a reload is run: any other difference is drift.
drift=$(diff <(sed -n '/^\[Unit\]/,$p' "$work/units/zeroclaw.service" | grep -v -e '^Type=' -e '^ExecReload=') \
             <(sed -n '/^\[Unit\]/,$p' "$work/units/zeroclaw-notify-reload.service" | grep -v -e '^Type=' -e '^ReloadSignal=') || true)
[[ -z "$drift" ]] || fail "the two units differ in more than Type, ReloadSignal and ExecReload: $drift"
systemd_version=$(systemd-analyze --version | head -1 | grep -o '[0-9]\+' | head -1)
systemd-analyze verify "$work/units/zeroclaw.service" 2>&1 | tee "$work/verify.out"
[[ ! -s "$work/verify.out" ]] || fail "systemd-analyze verify zeroclaw.service is not clean"
systemd-analyze verify "$work/units/zeroclaw-notify-reload.service" 2>&1 | tee "$work/verify.out"
if ((systemd_version >= 253)); then
  [[ ! -s "$work/verify.out" ]] || fail "systemd-analyze verify zeroclaw-notify-reload.service is not clean"
else
  unexpected=$(grep -v -e "Failed to parse service type, ignoring: notify-reload" -e "Unknown key 'ReloadSignal'" "$work/verify.out" || true)
  [[ -z "$unexpected" ]] || fail "systemd-analyze verify zeroclaw-notify-reload.service: $unexpected"
  echo "(systemd $systemd_version predates Type=notify-reload: the two lines above are all it has to say)"
fi
echo "both units verified"

# 3b. The maintainer scripts as shipped, with the system tools they call replaced by stubs that only
#     record the call (nothing is installed, no user is made): what install, upgrade, remove and purge
#     do to the service and the data.
step "deb: maintainer scripts (system tools stubbed)"
scripts="$work/maintainer"
mkdir -p "$scripts/control" "$scripts/bin" "$scripts/run-systemd"
dpkg-deb -e "$deb" "$scripts/control"
for script in postinst prerm postrm; do
  # systemd counts as running when this directory exists: a temporary one stands for /run/systemd/system.
  sed "s|/run/systemd/system|$scripts/run-systemd|g" "$scripts/control/$script" >"$scripts/$script"
done
for tool in getent adduser dpkg-statoverride deb-systemd-helper deb-systemd-invoke systemctl rm; do
  cat >"$scripts/bin/$tool" <<STUB
#!/bin/sh
echo "$tool \$*" >>"$scripts/calls"
case "$tool \$*" in
  "getent passwd zeroclaw") exit \${USER_EXISTS:-2} ;;
  "dpkg-statoverride --list"*) exit \${OVERRIDE_EXISTS:-1} ;;
  "deb-systemd-helper debian-installed"*|"deb-systemd-helper --quiet was-enabled"*) exit \${ENABLED:-1} ;;
esac
exit 0
STUB
  chmod +x "$scripts/bin/$tool"
done
# $1: what it stands for; then the environment of the stubs and the script with its arguments.
maintainer() {
  local what=$1
  shift
  : >"$scripts/calls"
  env PATH="$scripts/bin:/usr/bin:/bin" "$@" || fail "maintainer scripts: $what exited $?"
  printf '%s:\n%s\n' "$what" "$(sed 's/^/  /' "$scripts/calls")"
}
calls() { cat "$scripts/calls"; }
maintainer "first installation" sh "$scripts/postinst" configure
grep -qx "adduser --system --group --quiet --home /var/lib/zeroclaw --no-create-home zeroclaw" <(calls) || fail "installation does not create the zeroclaw user"
grep -qx "dpkg-statoverride --update --add root zeroclaw 0640 /etc/zeroclaw/config.toml" <(calls) || fail "installation does not protect config.toml"
! grep -q -e "deb-systemd-invoke" -e "helper enable" <(calls) || fail "installation enables or starts the service"
maintainer "upgrade, the service enabled and running" env USER_EXISTS=0 OVERRIDE_EXISTS=0 ENABLED=0 sh "$scripts/postinst" configure 0.0.1-1
grep -qx "deb-systemd-invoke try-restart zeroclaw.service" <(calls) || fail "an upgrade does not restart a running service"
! grep -q -e "^adduser" -e "--add root" <(calls) || fail "an upgrade makes the user or the override again"
maintainer "prerm before an upgrade" sh "$scripts/prerm" upgrade 0.2.0-1
[[ ! -s "$scripts/calls" ]] || fail "prerm stops the service before an upgrade (postinst restarts it)"
maintainer "removal" sh "$scripts/prerm" remove
grep -qx "deb-systemd-invoke stop zeroclaw.service" <(calls) || fail "removal does not stop the service"
maintainer "removal, after" sh "$scripts/postrm" remove
! grep -q "^rm " <(calls) || fail "removal deletes data (only purge may)"
maintainer "purge" env OVERRIDE_EXISTS=0 sh "$scripts/postrm" purge
grep -qx "rm -rf /var/lib/zeroclaw" <(calls) || fail "purge keeps /var/lib/zeroclaw"
grep -qx "dpkg-statoverride --remove /etc/zeroclaw/config.toml" <(calls) || fail "purge keeps the permissions override"

# 4. lintian: no error (the one override ships in the package, with its reason), no undocumented warning.
step "lintian"
lintian_out=$(lintian "$deb" 2>&1 | grep -v '^running with root privileges' || true)
grep -v '^W:' <<<"$lintian_out" || true
grep '^W:' <<<"$lintian_out" | cut -d' ' -f3 | sort | uniq -c | awk '{print "W: " $2 " (" $1 "x)"}' || true
! grep -q '^E:' <<<"$lintian_out" || fail "lintian reports errors"
for tag in $(grep '^W:' <<<"$lintian_out" | cut -d' ' -f3 | sort -u); do
  [[ " $known_lintian_warnings " == *" $tag "* ]] || fail "lintian warning '$tag' is new: fix it, or give its reason in docs/operations.md and add it to known_lintian_warnings"
done
echo "lintian: no errors; warnings only of the documented kinds ($known_lintian_warnings)"

# 5. The runtime against what the jars need: every module jdeps names is in the image or left out on purpose.
step "runtime modules (jdeps)"
image_modules=$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$release/runtime/release")
needed=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "$release"/lib/*.jar)
echo "jdeps: $needed"
echo "image: $image_modules"
for module in ${needed//,/ }; do
  [[ " $image_modules " == *" $module "* || " $modules_left_out " == *" $module "* ]] \
    || fail "lib/ needs $module, which is neither in runtime/ nor left out on purpose: add it to zeroclaw.jlink.modules"
done

step "runtime TLS (EC key, TLS 1.3, CA certificates)"
mkdir -p "$work/probe"
javac --release 17 -d "$work/probe" "$repo/packaging/ci/TlsProbe.java"
"$release/runtime/bin/keytool" -genkeypair -keyalg EC -groupname secp256r1 -alias probe -dname CN=localhost \
  -validity 2 -storetype PKCS12 -keystore "$work/probe/keys.p12" -storepass probe-pass 2>/dev/null
env -i PATH=/usr/bin:/bin "$release/runtime/bin/java" -cp "$work/probe" TlsProbe "$work/probe/keys.p12" probe-pass \
  || fail "the runtime cannot make a TLS connection"

# 6. The archive without a runtime, on the machine's own Java (in /usr/bin here).
step "archive without runtime: --version, config check on the machine's Java"
mkdir -p "$work/plain"
tar -xzf "$plain" -C "$work/plain"
[[ ! -e "$work/plain/$name/runtime" ]] || fail "$plain has a runtime/"
run "$work/plain/$name/bin/zeroclaw" "$work/plain/$name" "$work/home-plain" --version
run "$work/plain/$name/bin/zeroclaw" "$work/plain/$name" "$work/home-plain" config check --config conf/config.toml >/dev/null \
  || fail "archive without runtime: config check exited $?"

# 7. The plugin SDK: the example plugin, copied out of the repository, built and tested with a local
#    repository of its own and the unpacked sdk/ as its only source of zeroclaw artifacts.
step "plugin SDK: examples/socket-transport-plugin against $name/sdk alone"
cp -r "$repo/examples/socket-transport-plugin" "$work/plugin"
rm -rf "$work/plugin/target"
(cd "$work/plugin" && mvn -B -q -Dmaven.repo.local="$work/m2" -Dzeroclaw.sdk="$release/sdk" verify) \
  || fail "the example plugin does not build against the SDK"
ls -l "$work"/plugin/target/zeroclaw-socket-transport-*.jar
for record in $(find "$work/m2/dev/zeroclaw" -name _remote.repositories); do
  ! grep -v -e '^#' -e '>zeroclaw-sdk=$' "$record" | grep -q . || fail "$(dirname "$record") came from elsewhere than sdk/"
done
echo "zeroclaw artifacts it used, every one from sdk/: $(cd "$work/m2" && find dev/zeroclaw -name '*.jar' -printf '%f ')"

step "release checked: $name"
