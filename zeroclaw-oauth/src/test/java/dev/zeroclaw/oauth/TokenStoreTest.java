package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    private static final URI ISSUER = URI.create("https://auth.example.com");
    private static final URI OTHER_ISSUER = URI.create("https://login.example.org/tenant");
    private static final URI RESOURCE = URI.create("https://mcp.example.com/mcp");

    @TempDir
    Path state;

    private static StoredAuthorization stored(String server, URI issuer, String access, String refresh) {
        return new StoredAuthorization(server, ClientIdentity.publicClient("client-1"), new TokenSet(issuer, RESOURCE, access,
                Optional.of(refresh), Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Optional.of("mcp:read")));
    }

    @Test
    void whatIsSavedIsLoadedBack() throws IOException {
        TokenStore store = TokenStore.open(state);
        StoredAuthorization saved = new StoredAuthorization("remote", ClientIdentity.confidential("id", "client-secret"),
                new TokenSet(ISSUER, RESOURCE, "at-1", Optional.empty(), Optional.empty(), Optional.empty()));

        store.save(saved);

        assertThat(store.load("remote", ISSUER)).contains(saved);
        assertThat(store.load("remote", OTHER_ISSUER)).isEmpty();
        assertThat(store.load("other", ISSUER)).isEmpty();
    }

    @Test
    void oneOwnerOnlyFilePerServerAndIssuerInAnOwnerOnlyDirectory() throws IOException {
        TokenStore store = TokenStore.open(state);
        store.save(stored("remote", ISSUER, "at-1", "rt-1"));
        store.save(stored("remote", OTHER_ISSUER, "at-2", "rt-2"));
        store.save(stored("remote", ISSUER, "at-3", "rt-3")); // a refresh replaces the file

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory()))).isEqualTo("rwx------");
        try (var files = Files.list(store.directory())) {
            assertThat(files.toList()).hasSize(2).allSatisfy(file -> {
                assertThat(file.getFileName().toString()).startsWith("remote@").endsWith(".json");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            });
        }
        assertThat(store.load("remote")).extracting(s -> s.tokens().accessToken()).containsExactlyInAnyOrder("at-2", "at-3");
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void deleteForgetsOneIssuer() throws IOException {
        TokenStore store = TokenStore.open(state);
        store.save(stored("remote", ISSUER, "at-1", "rt-1"));

        assertThat(store.delete("remote", ISSUER)).isTrue();
        assertThat(store.delete("remote", ISSUER)).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aDirectoryOpenToOthersIsRefusedWithTheFix() throws IOException {
        Path directory = Files.createDirectory(state.resolve("oauth"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> TokenStore.open(state))
                .hasMessage("token directory " + directory + " is open to others (mode rwxr-xr-x); run: chmod 700 " + directory);
    }

    @Test
    void aDamagedFileIsNamedButItsContentIsNot() throws IOException {
        TokenStore store = TokenStore.open(state);
        Path file = store.file("remote", ISSUER);
        Files.writeString(file, "{\"tokens\":{\"access_token\":\"at-leaked\"}");

        assertThatThrownBy(() -> store.load("remote", ISSUER))
                .hasMessageStartingWith("token file " + file + " is damaged")
                .hasMessageEndingWith("delete it and log in again: zeroclaw auth login <server>")
                .hasMessageNotContaining("at-leaked");
    }

    @Test
    void aServerNameNeverEscapesTheDirectory() throws IOException {
        TokenStore store = TokenStore.open(state);

        assertThatThrownBy(() -> store.file("../etc", ISSUER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noTokenOrSecretInTheStoredValuesString() {
        StoredAuthorization stored = new StoredAuthorization("remote", ClientIdentity.confidential("id", "client-secret"),
                new TokenSet(ISSUER, RESOURCE, "at-1", Optional.of("rt-1"), Optional.empty(), Optional.empty()));

        assertThat(stored.toString()).doesNotContain("at-1").doesNotContain("rt-1").doesNotContain("client-secret");
    }
}
