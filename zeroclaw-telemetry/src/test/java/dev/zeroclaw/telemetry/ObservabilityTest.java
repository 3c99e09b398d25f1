package dev.zeroclaw.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.AuditSettings;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayAuth;
import dev.zeroclaw.api.PinMode;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.telemetry.audit.AuditCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Observability observability = new Observability(new ObservabilitySources("0.1.0", json,
            () -> Optional.of("ab".repeat(32)), Set::of, AuditCounters.NONE));

    @TempDir
    Path dir;

    private static DaemonSettings settings(boolean telemetry, Optional<AuditSettings> audit) {
        return new DaemonSettings(true, false, false, 100, "127.0.0.1:8765", 30, Optional.empty(), GatewayAuth.TOKEN,
                Optional.empty(), PinMode.OFF, Optional.empty(), telemetry, audit);
    }

    private ClientRequest call() throws IOException {
        return new ClientRequest("s", "c", "1", "2025-06-18", "tools/call", json.readTree("{\"name\":\"fs__read\"}"),
                json.getNodeFactory().numberNode(1), Optional.empty());
    }

    @Test
    void withNothingConfiguredNothingIsObserved() throws IOException {
        observability.open(DaemonSettings.defaults());

        assertThat(observability.start(call())).isSameAs(ObservedRequest.NONE);
        assertThat(observability.begin(1, "sighup")).isSameAs(ReloadObservation.NONE);
    }

    @Test
    void theAuditLogHearsCallsAndReloadsUntilClosedAndAChangedTableWaitsForARestart() throws IOException {
        AuditSettings audit = new AuditSettings(dir.resolve("audit.jsonl").toString(), false, 4096, 2);
        observability.open(settings(false, Optional.of(audit)));
        observability.start(call()).end(json.readTree("{}"), null);

        assertThat(observability.unapplied(settings(false, Optional.of(audit)))).isEmpty();
        assertThat(observability.unapplied(settings(true, Optional.empty())))
                .contains("[mcp.telemetry] and [mcp.audit] changed; that applies when the daemon restarts");
        observability.close();

        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSize(1).allMatch(line -> line.contains("\"tool\":\"fs__read\""));
        assertThat(observability.start(call())).isSameAs(ObservedRequest.NONE);
    }
}
