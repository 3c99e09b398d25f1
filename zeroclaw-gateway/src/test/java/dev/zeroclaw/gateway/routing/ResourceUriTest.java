package dev.zeroclaw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceUriTest {

    @Test
    void keepsTheOriginalUriWhole() {
        ResourceUri uri = new ResourceUri("memory", "file:///notes/a.md?x=1#y");
        assertThat(uri.qualified()).isEqualTo("zeroclaw://memory/file:///notes/a.md?x=1#y");
        assertThat(ResourceUri.parse(uri.qualified())).contains(uri);
    }

    @Test
    void templatePlaceholdersSurvive() {
        assertThat(ResourceUri.parse("zeroclaw://everything/test://static/resource/{id}"))
                .contains(new ResourceUri("everything", "test://static/resource/{id}"));
    }

    @Test
    void otherUrisAreNotTheGateways() {
        assertThat(ResourceUri.parse("test://static/resource/1")).isEmpty();
        assertThat(ResourceUri.parse("zeroclaw://everything")).isEmpty();
        assertThat(ResourceUri.parse("zeroclaw://everything/")).isEmpty();
        assertThat(ResourceUri.parse("zeroclaw:///x")).isEmpty();
    }
}
