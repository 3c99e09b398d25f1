package dev.zeroclaw.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.plugins.fixture.BadlyNamedProvider;
import dev.zeroclaw.plugins.fixture.GuiceUsingProvider;
import dev.zeroclaw.plugins.fixture.HangingProvider;
import dev.zeroclaw.plugins.fixture.LateLinkingProvider;
import dev.zeroclaw.plugins.fixture.ProbeProvider;
import dev.zeroclaw.plugins.fixture.ThrowingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plugin folders: what loads, and the one sentence for each thing that does not. */
class PluginLoaderTest {

    private static final ClassLoader DAEMON = PluginLoaderTest.class.getClassLoader();

    @TempDir
    Path dir;

    @Test
    void aProviderIsFoundWithThePluginsLoaderAsTheContextClassLoader() throws Exception {
        LoadedPlugin plugin = load(PluginJars.plugin(dir.resolve("probe"), ProbeProvider.class));

        assertThat(plugin.problems()).isEmpty();
        assertThat(plugin.providers()).extracting(TransportProvider::name).containsExactly("probe");
        assertThat(Thread.currentThread().getContextClassLoader()).as("restored afterwards").isNotInstanceOf(PluginClassLoader.class);
    }

    @Test
    void aFolderWhoseJarsListNoProviderIsAProblemNotASilentSkip() throws Exception {
        Path folder = dir.resolve("empty");
        PluginJars.jar(folder, "classes.jar", List.of(ProbeProvider.class), List.of());

        LoadedPlugin plugin = load(folder);

        assertThat(plugin.providers()).isEmpty();
        assertThat(plugin.problems()).containsExactly("plugin " + folder + " provides no transport: none of its jars lists"
                + " one in META-INF/services/dev.zeroclaw.api.transport.TransportProvider");
    }

    @Test
    void aProviderThatThrowsIsReportedAndTheOthersOfItsFolderLoad() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("mixed"), ThrowingProvider.class, ProbeProvider.class);

        LoadedPlugin plugin = load(folder);

        assertThat(plugin.providers()).extracting(TransportProvider::name).containsExactly("probe");
        assertThat(plugin.problems()).singleElement().asString()
                .startsWith("plugin " + folder + ": a transport provider failed to load:")
                .contains("ThrowingProvider could not be instantiated")
                .contains("this provider fails on purpose");
    }

    @Test
    void aProviderThatNeedsTheDaemonsGuiceDoesNotLinkAndIsReported() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("guice"), GuiceUsingProvider.class);

        LoadedPlugin plugin = load(folder);

        assertThat(plugin.providers()).isEmpty();
        assertThat(plugin.problems()).singleElement().asString().contains("com/google/inject/Key");
    }

    @Test
    void aProviderWhoseCodeFailsToLinkWhenOpeningFailsThatServerWithAnExceptionTheDaemonHandles() throws Exception {
        TransportProvider provider = load(PluginJars.plugin(dir.resolve("late"), LateLinkingProvider.class)).providers().get(0);

        assertThatThrownBy(() -> provider.open(ServerSpec.builder("s").transport("late-linking").build(), new TransportContext("s", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("plugin " + dir.resolve("late") + " failed: java.lang.NoClassDefFoundError:")
                .hasMessageContaining("com/fasterxml/jackson/databind/ObjectMapper");
    }

    @Test
    void aProviderWhoseConstructorNeverReturnsDoesNotHoldUpTheDaemon() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("hanging"), HangingProvider.class);
        PluginFolder plugin = PluginDirectory.read(dir).plugins().get(0);

        LoadedPlugin loaded = PluginLoader.load(plugin, DAEMON, Duration.ofMillis(300));

        assertThat(loaded.providers()).isEmpty();
        assertThat(loaded.problems()).containsExactly("plugin " + folder + " did not finish loading within 300 ms"
                + " (a provider's constructor or name() does not return); it is not used");
    }

    @Test
    void aNameNoConfigCouldSpellIsReported() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("bad"), BadlyNamedProvider.class);

        assertThat(load(folder).problems()).containsExactly("plugin " + folder + ": provider " + BadlyNamedProvider.class.getName()
                + " has the name 'Web_Socket'; a transport's name is lower-case letters, digits and '-'");
    }

    @Test
    void theDirectoryHasOneFolderPerPluginAndSaysWhatDoesNotFit() throws Exception {
        PluginJars.plugin(dir.resolve("probe"), ProbeProvider.class);
        Files.createDirectories(dir.resolve("no-jar"));
        Files.createDirectories(dir.resolve(".hidden"));
        PluginJars.jar(dir, "loose.jar", List.of(ProbeProvider.class), List.of(ProbeProvider.class));
        Files.writeString(dir.resolve("README"), "notes");

        PluginDirectory directory = PluginDirectory.read(dir);

        assertThat(directory.plugins()).extracting(PluginFolder::name).containsExactly("probe");
        assertThat(directory.problems()).containsExactly(
                "plugin jar " + dir.resolve("loose.jar") + " is not in a folder of its own; move it to " + dir.resolve("loose") + "/",
                "plugin folder " + dir.resolve("no-jar") + " holds no jar; put the plugin's jars in it or remove it");
    }

    @Test
    void aPluginsFolderThatDoesNotExistHoldsNoPluginAndIsNoProblem() {
        PluginDirectory directory = PluginDirectory.read(dir.resolve("absent"));

        assertThat(directory.plugins()).isEmpty();
        assertThat(directory.problems()).isEmpty();
    }

    private static LoadedPlugin load(Path folder) {
        PluginDirectory directory = PluginDirectory.read(folder.getParent());
        PluginFolder plugin = directory.plugins().stream().filter(p -> p.path().equals(folder)).findFirst().orElseThrow();
        return PluginLoader.load(plugin, DAEMON);
    }
}
