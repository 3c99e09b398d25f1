package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerPrefixes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceUriTest {

    private static final ServerPrefixes PREFIXES = ServerPrefixes.of(List.of("memory", "everything", "docs.internal"));

    @Test
    void keepsTheOriginalUriWhole() {
        ResourceUri uri = new ResourceUri("memory", "file:///notes/a.md?x=1#y");
        assertThat(uri.qualified(PREFIXES)).isEqualTo("zeroclaw://memory/file:///notes/a.md?x=1#y");
        assertThat(ResourceUri.parse(uri.qualified(PREFIXES), PREFIXES)).contains(uri);
    }

    @Test
    void templatePlaceholdersSurvive() {
        assertThat(ResourceUri.parse("zeroclaw://everything/test://static/resource/{id}", PREFIXES))
                .contains(new ResourceUri("everything", "test://static/resource/{id}"));
    }

    @Test
    void aServerWhoseNameClientsRefuseIsReachedByItsPrefix() {
        ResourceUri uri = new ResourceUri("docs.internal", "file:///a.md");
        assertThat(uri.qualified(PREFIXES)).isEqualTo("zeroclaw://docs_internal/file:///a.md");
        assertThat(ResourceUri.parse("zeroclaw://docs_internal/file:///a.md", PREFIXES)).contains(uri);
    }

    @Test
    void otherUrisAreNotTheGateways() {
        assertThat(ResourceUri.parse("test://static/resource/1", PREFIXES)).isEmpty();
        assertThat(ResourceUri.parse("zeroclaw://everything", PREFIXES)).isEmpty();
        assertThat(ResourceUri.parse("zeroclaw://everything/", PREFIXES)).isEmpty();
        assertThat(ResourceUri.parse("zeroclaw:///x", PREFIXES)).isEmpty();
    }
}
