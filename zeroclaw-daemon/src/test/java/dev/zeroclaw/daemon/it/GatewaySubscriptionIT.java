package dev.zeroclaw.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource subscriptions through the gateway, with the official TypeScript client against
 * server-everything (which sends {@code notifications/resources/updated} for subscribed URIs once
 * its {@code toggle-subscriber-updates} tool is on): the update arrives under the gateway's URI,
 * keeps arriving after a reload restarted the server, and stops after unsubscribing.
 */
class GatewaySubscriptionIT {

    @TempDir
    Path dir;

    @Test
    void updatesReachTheSubscriberAcrossARestart() throws Exception {
        int port = ReferenceServers.freePort();
        Path config = Files.writeString(dir.resolve("config.toml"), ReferenceServers.gateway(port)
                + ReferenceServers.everything("everything", "env = { GENERATION = \"one\" }\n"));
        Path next = Files.writeString(dir.resolve("next.toml"), ReferenceServers.gateway(port)
                + ReferenceServers.everything("everything", "env = { GENERATION = \"two\" }\n"));
        try (RunningDaemon daemon = RunningDaemon.start(config, dir, Map.of())) {
            long before = daemon.awaitReady("everything").get("everything");

            JsonNode summary = runClient(port, daemon, config, next);

            assertThat(summary.path("capabilities").path("resources").path("subscribe").asBoolean()).isTrue();
            String uri = summary.path("uri").asText();
            assertThat(uri).startsWith("zeroclaw://everything/");
            assertThat(summary.path("firstUpdate").asText()).isEqualTo(uri);
            assertThat(summary.path("reload").path("restarted").toString()).contains("everything");
            assertThat(daemon.awaitReady("everything").get("everything")).isNotEqualTo(before);
            assertThat(summary.path("updateAfterReload").asText()).isEqualTo(uri);
            assertThat(summary.path("updatesAfterUnsubscribe").asInt()).isZero();
        }
    }

    private JsonNode runClient(int port, RunningDaemon daemon, Path config, Path next) throws Exception {
        return NodeScript.run("gateway/sdk-subscribe.mjs", Map.of(
                "ZC_URL", GatewayClient.endpoint(port).toString(),
                "ZC_JAVA", Zeroclaw.JAVA,
                "ZC_JAR", Zeroclaw.JAR.toString(),
                "ZC_RUNTIME_DIR", daemon.runtimeDir().toString(),
                "ZC_CONFIG", config.toString(),
                "ZC_NEXT_CONFIG", next.toString()), dir, daemon);
    }
}
