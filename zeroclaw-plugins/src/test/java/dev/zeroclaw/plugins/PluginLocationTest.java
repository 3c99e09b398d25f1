package dev.zeroclaw.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.DaemonSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where plugins are read from: --plugin-dir, else [mcp] plugin_dir, else ~/.zeroclaw/plugins. */
class PluginLocationTest {

    private static final DaemonSettings NAMED = new DaemonSettings(true, false, false, 100, "127.0.0.1:8765", 30,
            Optional.empty(), Optional.of("/opt/zeroclaw/plugins"));

    @Test
    void theCommandLineWins() {
        assertThat(PluginLocation.resolve(Optional.of(Path.of("/srv/plugins")), NAMED)).isEqualTo(Path.of("/srv/plugins"));
    }

    @Test
    void thenTheConfig() {
        assertThat(PluginLocation.resolve(Optional.empty(), NAMED)).isEqualTo(Path.of("/opt/zeroclaw/plugins"));
    }

    @Test
    void elseTheFolderBesideTheDefaultConfig() {
        assertThat(PluginLocation.resolve(Optional.empty(), DaemonSettings.defaults()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".zeroclaw", "plugins"));
        assertThat(PluginLocation.defaultFolder("/home/ops")).isEqualTo(Path.of("/home/ops/.zeroclaw/plugins"));
    }
}
