package dev.zeroclaw.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServerStatusTextTest {

    @Test
    void aServersLineItsToolsItsLastErrorsAndItsStartsInColumns() throws IOException {
        JsonTree document = JsonTree.parse("""
                {"ok": true,
                 "server": {"name": "fs", "transport": "stdio", "state": "READY", "pid": 4250, "uptime_ms": 61000,
                            "restarts": 1, "replacements": 0, "tools": 2, "last_error": null, "last_stderr": null},
                 "tools": [{"exposed": "fs__read_file", "name": "read_file", "calls": 12, "errors": 1, "p50_ms": 0.5, "p99_ms": 9.9},
                           {"exposed": "fs__write", "name": "write", "calls": 0, "errors": 0, "p50_ms": null, "p99_ms": null},
                           {"exposed": null, "name": "other", "calls": 3, "errors": 0, "p50_ms": 1.2, "p99_ms": 2.4}],
                 "last_errors": [{"time": "2026-11-30T23:01:00Z", "method": "tools/call", "tool": "read_file", "code": -32603,
                                  "message": "server 'fs': no such file"},
                                 {"time": "2026-11-30T23:02:00Z", "method": "tools/call", "tool": "write", "code": null,
                                  "message": "disk full"}],
                 "starts": [{"time": "2026-11-30T23:00:00Z", "instance": 1, "pid": 4243, "reason": "first start"},
                            {"time": "2026-11-30T23:03:00Z", "instance": 2, "pid": 4250, "reason": "crash: killed by signal 9 (SIGKILL)"}]}
                """);

        assertThat(ServerStatusText.render(document)).isEqualTo("""
                NAME  TRANSPORT  STATE  PID   UPTIME  RESTARTS  REPLACED  TOOLS  LAST ERROR
                fs    stdio      READY  4250  1m1s    1         0         2      -

                tools (latency estimated from the /metrics histogram's buckets):
                EXPOSED        NAME       CALLS  ERRORS  P50     P99
                fs__read_file  read_file  12     1       0.5 ms  9.9 ms
                fs__write      write      0      0       -       -
                -              other      3      0       1.2 ms  2.4 ms

                last errors, oldest first:
                2026-11-30T23:01:00Z tools/call read_file -32603: server 'fs': no such file
                2026-11-30T23:02:00Z tools/call write isError: disk full

                starts, oldest first:
                2026-11-30T23:00:00Z instance 1 pid 4243: first start
                2026-11-30T23:03:00Z instance 2 pid 4250: crash: killed by signal 9 (SIGKILL)
                """);
    }
}
