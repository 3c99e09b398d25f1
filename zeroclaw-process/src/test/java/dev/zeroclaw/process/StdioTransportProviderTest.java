package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.ServerEntry;
import dev.zeroclaw.api.transport.TransportContext;
import dev.zeroclaw.api.transport.TransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdioTransportProviderTest {

    private final StdioTransportProvider provider = new StdioTransportProvider();

    /** An entry whose errors name the key they point at, as the config module's do with a position. */
    private record Entry(ServerSpec spec) implements ServerEntry {
        @Override
        public ConfigError errorAt(String key, String message) {
            return ConfigError.ofFile("config.toml", key + ": " + message);
        }
    }

    @Test
    void isFoundByServiceLoaderUnderTheNameStdio() {
        assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found).isInstanceOf(StdioTransportProvider.class);
                    assertThat(found.name()).isEqualTo("stdio");
                });
    }

    @Test
    void aCommandIsRequired() {
        assertThat(provider.validate(new Entry(ServerSpec.builder("fs").build())))
                .extracting(ConfigError::message)
                .containsExactly("command: a stdio server needs a command, the program to run, e.g. command = \"npx\"");
        assertThat(provider.validate(new Entry(ServerSpec.builder("fs").command("  ").build()))).hasSize(1);
    }

    @Test
    void stdioTakesNoOptions() {
        ServerSpec spec = ServerSpec.builder("fs").command("npx")
                .options(dev.zeroclaw.api.TransportOptions.builder().put("shell", true).build()).build();

        assertThat(provider.validate(new Entry(spec))).extracting(ConfigError::message).containsExactly(
                "options.shell: the stdio transport has no options; its settings are command, args, env and cwd");
    }

    @Test
    void cwdMustBeAnExistingDirectory(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("file"), "");

        assertThat(provider.validate(entry(directory.resolve("gone"))))
                .extracting(ConfigError::message)
                .containsExactly("cwd: cwd '" + directory.resolve("gone") + "' does not exist; create it or change cwd");
        assertThat(provider.validate(entry(file)))
                .extracting(ConfigError::message)
                .containsExactly("cwd: cwd '" + file + "' is not a directory");
        assertThat(provider.validate(entry(directory))).isEmpty();
    }

    @Test
    void opensAStdioTransportThatIsNotStartedYet() {
        ServerSpec spec = ServerSpec.builder("fs").command("npx").build();

        var transport = provider.open(spec, new TransportContext("fs", 1));

        assertThat(transport).isInstanceOf(StdioTransport.class);
        assertThat(transport.pid()).isEmpty();
    }

    private static Entry entry(Path cwd) {
        return new Entry(ServerSpec.builder("fs").command("npx").cwd(cwd.toString()).build());
    }
}
