package dev.zeroclaw.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.oauth.AuthorizationServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zeroclaw auth} in process, with no daemon: what it refuses and why, what {@code status} shows before any
 * login, a device login against the loopback authorization server (the test approves the code), a logout with
 * nothing stored.
 */
class AuthCommandTest {

    @TempDir
    Path dir;

    private AuthorizationServerFixture fixture;
    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        fixture = new AuthorizationServerFixture();
        String url = fixture.mcpUrl().toString();
        config = Files.writeString(dir.resolve("config.toml"), """
                [[mcp.servers]]
                name = "x"
                transport = "http"
                url = "%s"
                oauth_scopes = ["mcp:read"]

                [[mcp.servers]]
                name = "plain"
                transport = "http"
                url = "%s"

                [[mcp.servers]]
                name = "local"
                command = "does-not-run"

                [[mcp.servers]]
                name = "m2m"
                transport = "http"
                url = "%s"
                oauth_client_id = "m2m-client"
                oauth_client_secret = "m2m-secret-value"
                oauth_grant = "client_credentials"
                """.formatted(url, url, url));
    }

    @AfterEach
    void stopFixture() {
        fixture.close();
    }

    @Test
    void zeroclawHelpListsAuthAndAuthHelpSaysHowToLogInHeadless() {
        assertThat(CommandLineRun.of("--help").all()).contains("auth");
        CommandLineRun login = CommandLineRun.of("auth", "login", "--help");

        assertThat(login.out()).contains("ssh -L PORT:127.0.0.1:PORT", "--device", "--timeout=SECS", "No browser is opened");
    }

    @Test
    void anUnknownServerIsRefusedWithTheConfiguredNames() {
        CommandLineRun run = auth("login", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("zeroclaw: no server 'nope' in " + config + "; the configured servers are x, plain, local, m2m\n");
    }

    @Test
    void aStdioServerHasNoLogin() {
        CommandLineRun run = auth("login", "local");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("server 'local' uses the stdio transport; only remote servers");
    }

    @Test
    void aClientCredentialsServerNeedsNoLogin() {
        CommandLineRun run = auth("login", "m2m");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("server 'm2m' uses oauth_grant = \"client_credentials\"", "no login is needed");
        assertThat(run.all()).doesNotContain("m2m-secret-value");
    }

    @Test
    void deviceLoginWhereTheServerOffersNoneIsRefused() {
        CommandLineRun run = auth("login", "x", "--device");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("offers no device authorization", "log in without --device");
    }

    @Test
    void statusBeforeAnyLoginSaysWhatToRunAndCreatesNothing() throws Exception {
        CommandLineRun run = auth("status");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("x  http " + fixture.mcpUrl(), "tokens        none stored", "to do         zeroclaw auth login x",
                "grant         client_credentials (the daemon gets its own tokens; no login)", "(the daemon is not running");
        assertThat(run.out()).as("neither a stdio server nor a remote one without OAuth").doesNotContain("local").doesNotContain("plain");
        assertThat(dir.resolve("state/oauth")).doesNotExist();
        JsonNode json = new ObjectMapper().readTree(auth("status", "--json").out());
        assertThat(json.path("daemon").asText()).isEqualTo("not running");
        assertThat(json.path("servers").get(0).path("action").asText()).isEqualTo("zeroclaw auth login x");
    }

    @Test
    void aDeviceLoginShowsTheUrlAndCodeWaitsForTheApprovalAndKeepsTheTokens() throws Exception {
        fixture.offerDeviceAuthorization();
        CompletableFuture<CommandLineRun> login = CompletableFuture.supplyAsync(() -> auth("login", "x", "--device"));
        while (fixture.userCodes().isEmpty() && !login.isDone()) {
            Thread.onSpinWait();
        }
        fixture.userCodes().forEach(fixture::approveDevice);
        CommandLineRun run = login.get();

        assertThat(run.exitCode()).as(run.all()).isZero();
        String code = fixture.userCodes().get(0);
        assertThat(run.out()).startsWith(fixture.issuer() + "/activate?user_code=" + code + "\ncode: " + code + "\n")
                .contains("logged in: x", "issuer        " + fixture.issuer(), "refresh token held",
                        "no daemon is running; it uses this login when it starts");
        assertThat(run.err()).contains("enter the code " + code);
        for (String token : fixture.issuedTokens()) {
            assertThat(run.all()).doesNotContain(token);
        }
        assertThat(auth("status").out()).contains("issuer        " + fixture.issuer()).doesNotContain("to do");
    }

    @Test
    void logoutWithNothingStoredSaysSo() {
        CommandLineRun run = auth("logout", "x");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("no tokens stored for x; nothing to forget", "no daemon is running");
    }

    private CommandLineRun auth(String... args) {
        String[] all = new String[args.length + 7];
        all[0] = "auth";
        System.arraycopy(args, 0, all, 1, args.length);
        int i = args.length + 1;
        all[i++] = "--config";
        all[i++] = config.toString();
        all[i++] = "--state-dir";
        all[i++] = dir.resolve("state").toString();
        all[i++] = "--runtime-dir";
        all[i] = dir.resolve("run").toString();
        return CommandLineRun.of(all);
    }
}
