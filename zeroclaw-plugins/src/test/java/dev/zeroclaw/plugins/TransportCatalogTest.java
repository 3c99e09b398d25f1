package dev.zeroclaw.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.transport.TransportProvider;
import dev.zeroclaw.plugins.fixture.FakeHttpProvider;
import dev.zeroclaw.plugins.fixture.ProbeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog across refreshes: built-ins, plugins that stay, go, change and clash. */
class TransportCatalogTest {

    @TempDir
    Path dir;

    private final TransportCatalog catalog = TransportCatalog.load(TransportCatalogTest.class.getClassLoader());

    @Test
    void theBuiltInsAreStdioHttpAndSseFromTheDaemonsClassPath() {
        assertThat(catalog.installed()).extracting(TransportCatalog.InstalledProvider::name).contains("stdio", "http", "sse");
        assertThat(catalog.installed()).allSatisfy(provider -> assertThat(provider.origin()).startsWith("built-in "));
        assertThat(catalog.problems()).isEmpty();
    }

    @Test
    void aPluginThatDidNotChangeKeepsItsProviderSoItsServersAreLeftAlone() throws Exception {
        PluginJars.plugin(dir.resolve("probe"), ProbeProvider.class);
        assertThat(catalog.refresh(dir).transports()).containsExactly("probe");
        TransportProvider first = catalog.find("probe").orElseThrow();

        TransportCatalog.TransportChanges again = catalog.refresh(dir);

        assertThat(again.transports()).isEmpty();
        assertThat(catalog.find("probe")).containsSame(first);
        assertThat(catalog.installed()).filteredOn(p -> p.name().equals("probe")).singleElement()
                .satisfies(p -> assertThat(p.origin()).isEqualTo("plugin " + dir.resolve("probe")));
    }

    @Test
    void aPluginWhoseJarChangedIsLoadedAgain() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("probe"), ProbeProvider.class);
        catalog.refresh(dir);
        TransportProvider first = catalog.find("probe").orElseThrow();
        Files.writeString(folder.resolve("notes.jar"), "not really a jar, but a change of the folder's jars");

        assertThat(catalog.refresh(dir).transports()).containsExactly("probe");
        assertThat(catalog.find("probe").orElseThrow()).isNotSameAs(first);
    }

    @Test
    void aRemovedPluginsTransportsAreGoneAndTheReasonSaysWhichFolderWentAway() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("probe"), ProbeProvider.class);
        catalog.refresh(dir);
        delete(folder);

        assertThat(catalog.refresh(dir).transports()).containsExactly("probe");
        assertThat(catalog.find("probe")).isEmpty();
        assertThat(catalog.whyMissing("probe"))
                .isEqualTo("no transport provider named 'probe' is installed: its plugin " + folder + " was removed");
        assertThat(catalog.refresh(dir).transports()).as("a later refresh changes nothing more").isEmpty();
        assertThat(catalog.whyMissing("probe")).endsWith("was removed");
    }

    @Test
    void aNameNobodyProvidesListsWhatIsInstalledAndWherePluginsAreRead() {
        catalog.refresh(dir);

        assertThat(catalog.whyMissing("websocket")).startsWith("no transport provider named 'websocket' is installed (installed: ")
                .contains("http, sse, stdio").endsWith("; plugins are read from " + dir + ")");
    }

    @Test
    void aNameTwoPluginsClaimBelongsToNeither() throws Exception {
        PluginJars.plugin(dir.resolve("a"), ProbeProvider.class);
        PluginJars.plugin(dir.resolve("b"), ProbeProvider.class);

        TransportCatalog.TransportChanges changes = catalog.refresh(dir);

        assertThat(catalog.find("probe")).isEmpty();
        String reason = "two providers claim it (" + dir.resolve("a") + ", " + dir.resolve("b") + "), so neither is used;"
                + " remove one and reload";
        assertThat(changes.newProblems()).containsExactly("transport 'probe': " + reason);
        assertThat(catalog.whyMissing("probe")).isEqualTo("no transport provider named 'probe' is installed: " + reason);
    }

    @Test
    void aPluginCannotTakeTheNameOfABuiltIn() throws Exception {
        Path folder = PluginJars.plugin(dir.resolve("fake-http"), FakeHttpProvider.class);
        TransportProvider builtIn = catalog.find("http").orElseThrow();

        TransportCatalog.TransportChanges changes = catalog.refresh(dir);

        assertThat(changes.transports()).isEmpty();
        assertThat(catalog.find("http")).containsSame(builtIn);
        assertThat(changes.newProblems()).containsExactly(
                "plugin " + folder + " provides 'http', the name of a built-in transport; the built-in one is used");
    }

    private static void delete(Path tree) throws Exception {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
