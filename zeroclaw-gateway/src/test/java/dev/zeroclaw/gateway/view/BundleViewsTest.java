package dev.zeroclaw.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.api.McpBundle;
import dev.zeroclaw.api.ToolPattern;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.gateway.session.GatewaySessions;
import dev.zeroclaw.mcp.McpError;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a session sees: its bundle's servers less exclude, then its tools patterns, read from the live bundles. */
class BundleViewsTest {

    private static final McpBundle DEV = new McpBundle("dev", List.of("github", "fs", "web"), List.of("web"),
            List.of(new ToolPattern("github__get_*"), new ToolPattern("fs__*")), Optional.of("DEV_TOKEN"), Optional.empty(),
            Optional.of("dev-secret"));

    private final GatewaySessions sessions = new GatewaySessions();
    private final AtomicReference<List<McpBundle>> live = new AtomicReference<>(List.of(DEV));
    private final BundleViews views = new BundleViews(live::get, sessions);

    private GatewaySession session(Optional<String> bundle) {
        return sessions.create("2025-06-18", "test", "", new ObjectMapper().createObjectNode(), bundle).orElseThrow();
    }

    @Test
    void aBundlesViewIsItsServersLessExcludeThenItsToolPatterns() {
        ClientView view = views.view(session(Optional.of("dev")));

        assertThat(view.sees("github")).isTrue();
        assertThat(view.sees("web")).as("exclude wins").isFalse();
        assertThat(view.sees("jira")).isFalse();
        assertThat(view.sees("github", "get_issue")).isTrue();
        assertThat(view.sees("github", "create_issue")).isFalse();
        assertThat(view.sees("fs", "write_file")).isTrue();
    }

    @Test
    void aSessionOnSlashMcpSeesEverything() {
        ClientView view = views.view(session(Optional.empty()));

        assertThat(view).isEqualTo(ClientView.WHOLE);
        assertThat(view.sees("web", "anything")).isTrue();
    }

    @Test
    void aCallOutsideTheViewIsRefusedNamingTheBundleAndTheRule() {
        ClientView view = views.view(session(Optional.of("dev")));

        assertThat(catchThrowableOfType(McpError.class, () -> view.check("tool 'github__create_issue'", "github", "create_issue")))
                .hasMessage("tool 'github__create_issue' is not in bundle 'dev': no pattern of its tools [github__get_*, fs__*]"
                        + " matches 'github__create_issue'");
        assertThat(catchThrowableOfType(McpError.class, () -> view.check("prompt 'web__search'", "web", null)))
                .hasMessage("prompt 'web__search' is not in bundle 'dev': server 'web' is in its exclude [web]");
        assertThat(catchThrowableOfType(McpError.class, () -> view.check("resource 'x'", "jira", null)))
                .hasMessage("resource 'x' is not in bundle 'dev': server 'jira' is not in its servers [github, fs, web]");
    }

    @Test
    void theViewIsReadAtEachRequestSoAReloadAppliesItAndARemovedBundleIsAClearError() {
        GatewaySession dev = session(Optional.of("dev"));
        live.set(List.of(new McpBundle("dev", List.of("web"), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty())));

        assertThat(views.view(dev).sees("web")).isTrue();
        assertThat(views.sees(dev, "github")).isFalse();

        live.set(List.of());

        assertThat(catchThrowableOfType(McpError.class, () -> views.view(dev)).getMessage())
                .startsWith("bundle 'dev' was removed by a reload; this session sees nothing any more");
        assertThat(views.sees(dev, "web")).isFalse();
    }

    @Test
    void statusNamesEachBundlesServersAndSessionsButNeverItsToken() {
        session(Optional.of("dev"));
        session(Optional.of("dev"));
        session(Optional.empty());

        assertThat(views.status(List.of("github", "web", "jira"))).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("alias", "dev").containsEntry("servers", List.of("github"))
                    .containsEntry("sessions", 2).containsEntry("auth_token_env", "DEV_TOKEN");
            assertThat(entry.toString()).doesNotContain("dev-secret");
        });
    }
}
