package dev.zeroclaw.daemon.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.RequestAuthorization;
import dev.zeroclaw.oauth.OAuthRequestAuthorization;
import dev.zeroclaw.signal.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthAuthorizationsTest {

    @TempDir
    Path dir;

    @Test
    void onlyHttpServersGetOAuthAndTheStoreIsMadeAtTheFirst() throws IOException {
        Path state = dir.resolve("state");
        OAuthAuthorizations authorizations = new OAuthAuthorizations(() -> new StateDirectory(state), Clock.systemUTC());

        assertThat(authorizations.apply(ServerSpec.builder("fs").command("npx").build())).isSameAs(RequestAuthorization.NONE);
        assertThat(state).doesNotExist();

        RequestAuthorization remote = authorizations.apply(ServerSpec.builder("remote").transport("http")
                .url("https://mcp.example.com/mcp").build());

        assertThat(remote).isInstanceOf(OAuthRequestAuthorization.class);
        assertThat(remote.header()).isEmpty(); // no oauth_* keys, no tokens: the request goes as configured
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("oauth")))).isEqualTo("rwx------");
    }

    @Test
    void legacySseServersGetOAuthToo() throws IOException {
        OAuthAuthorizations authorizations = new OAuthAuthorizations(() -> new StateDirectory(dir.resolve("state")), Clock.systemUTC());

        RequestAuthorization legacy = authorizations.apply(ServerSpec.builder("legacy").transport("sse")
                .url("http://mcp_server.local:8080/sse").build()); // java.net.URI sees no host in it

        assertThat(legacy).isInstanceOf(OAuthRequestAuthorization.class);
        assertThat(legacy.header()).isEmpty();
        assertThat(authorizations.apply(ServerSpec.builder("plugin").transport("websocket").url("wss://mcp.example.com/ws").build()))
                .isSameAs(RequestAuthorization.NONE);
    }

    @Test
    void anUnusableStoreFailsTheServersRequestsWithTheReason() throws IOException {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(state.resolve("oauth"), "not a directory");
        OAuthAuthorizations authorizations = new OAuthAuthorizations(() -> new StateDirectory(state), Clock.systemUTC());

        RequestAuthorization remote = authorizations.apply(ServerSpec.builder("remote").transport("http")
                .url("https://mcp.example.com/mcp").build());

        assertThatThrownBy(remote::header).hasMessageStartingWith("the OAuth token store is unusable: token directory")
                .hasMessageEndingWith("exists and is not a directory");
    }
}
