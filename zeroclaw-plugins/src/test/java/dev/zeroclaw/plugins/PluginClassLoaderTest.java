package dev.zeroclaw.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.plugins.fixture.ProbeProvider;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin can see: the JDK, its own jars and the SPI; nothing else of the daemon. */
class PluginClassLoaderTest {

    private static final ClassLoader DAEMON = PluginClassLoaderTest.class.getClassLoader();

    @TempDir
    Path dir;

    @Test
    void theSpiIsTheDaemonsOwnSoProvidersAreTransportProvidersToTheDaemon() throws Exception {
        try (PluginClassLoader loader = loader()) {
            assertThat(loader.loadClass(TransportProvider.class.getName())).isSameAs(TransportProvider.class);
            assertThat(loader.loadClass(ServerSpec.class.getName())).isSameAs(ServerSpec.class);
        }
    }

    @Test
    void guiceJacksonLogbackAndTheDaemonItselfAreInvisible() throws Exception {
        try (PluginClassLoader loader = loader()) {
            for (String hidden : List.of("com.google.inject.Injector", "com.fasterxml.jackson.databind.ObjectMapper",
                    "com.fasterxml.jackson.core.JsonFactory", "org.slf4j.Logger", "ch.qos.logback.classic.Logger",
                    "dev.zeroclaw.plugins.PluginClassLoader", "dev.zeroclaw.process.StdioTransportProvider",
                    "dev.zeroclaw.transport.http.HttpTransportProvider")) {
                assertThatThrownBy(() -> loader.loadClass(hidden)).as(hidden).isInstanceOf(ClassNotFoundException.class);
            }
            assertThat(loader.getResource("logback.xml")).isNull();
        }
    }

    @Test
    void thePluginsOwnClassesComeFromItsJarEvenWhenTheDaemonHasThemToo() throws Exception {
        try (PluginClassLoader loader = loader()) {
            Class<?> probe = loader.loadClass(ProbeProvider.class.getName());

            assertThat(probe).isNotSameAs(ProbeProvider.class);
            assertThat(probe.getClassLoader()).isSameAs(loader);
            assertThat(TransportProvider.class.isAssignableFrom(probe)).isTrue();
        }
    }

    @Test
    void theJdkIsVisible() throws Exception {
        try (PluginClassLoader loader = loader()) {
            assertThat(loader.loadClass("java.net.http.HttpClient")).isSameAs(java.net.http.HttpClient.class);
            assertThat(loader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
        }
    }

    @Test
    void serviceFilesAreThePluginsOnlyNeverTheDaemonsBuiltIns() throws Exception {
        String services = "META-INF/services/" + TransportProvider.class.getName();
        assertThat(Collections.list(DAEMON.getResources(services))).as("the daemon's built-ins are on its class path").isNotEmpty();
        try (PluginClassLoader loader = loader()) {
            List<URL> seen = Collections.list(loader.getResources(services));

            assertThat(seen).singleElement().satisfies(url -> assertThat(url.toString()).contains("probe.jar"));
        }
    }

    private PluginClassLoader loader() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("probe"), ProbeProvider.class);
        return new PluginClassLoader("probe", List.of(folder.resolve("probe.jar").toUri().toURL()), DAEMON);
    }
}
