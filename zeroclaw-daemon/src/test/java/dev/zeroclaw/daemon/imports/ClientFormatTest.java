package dev.zeroclaw.daemon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientFormatTest {

    private static final Path HOME = Path.of("/home/ada");
    private static final Path WORK = Path.of("/src/shop");

    @Test
    void theDocumentedLinuxLocations() {
        ImportEnvironment environment = new ImportEnvironment(Map.of(), HOME, WORK);

        assertThat(ClientFormat.CLAUDE_DESKTOP.defaultFiles(environment))
                .containsExactly(Path.of("/home/ada/.config/Claude/claude_desktop_config.json"));
        assertThat(ClientFormat.VSCODE.defaultFiles(environment)).containsExactly(
                Path.of("/home/ada/.config/Code/User/settings.json"), Path.of("/home/ada/.config/Code/User/mcp.json"),
                Path.of("/src/shop/.vscode/mcp.json"));
        assertThat(ClientFormat.CURSOR.defaultFiles(environment))
                .containsExactly(Path.of("/home/ada/.cursor/mcp.json"), Path.of("/src/shop/.cursor/mcp.json"));
    }

    @Test
    void xdgConfigHomeMovesTheElectronAppsSettings() {
        ImportEnvironment environment = new ImportEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg"), HOME, WORK);

        assertThat(ClientFormat.CLAUDE_DESKTOP.defaultFiles(environment))
                .containsExactly(Path.of("/cfg/Claude/claude_desktop_config.json"));
        assertThat(ClientFormat.VSCODE.defaultFiles(environment)).startsWith(Path.of("/cfg/Code/User/settings.json"));
        assertThat(ClientFormat.CURSOR.defaultFiles(environment)).startsWith(Path.of("/home/ada/.cursor/mcp.json"));
    }

    @Test
    void aRelativeXdgConfigHomeIsIgnoredAsTheSpecificationSays() {
        ImportEnvironment environment = new ImportEnvironment(Map.of("XDG_CONFIG_HOME", "cfg"), HOME, WORK);

        assertThat(ClientFormat.CLAUDE_DESKTOP.defaultFiles(environment))
                .containsExactly(Path.of("/home/ada/.config/Claude/claude_desktop_config.json"));
    }

    @Test
    void cursorInTheHomeDirectoryReadsItsFileOnce() {
        assertThat(ClientFormat.CURSOR.defaultFiles(new ImportEnvironment(Map.of(), HOME, HOME)))
                .containsExactly(Path.of("/home/ada/.cursor/mcp.json"));
    }

    @Test
    void theCommandLineNames() {
        assertThat(ClientFormat.byCliName("claude-desktop")).contains(ClientFormat.CLAUDE_DESKTOP);
        assertThat(ClientFormat.byCliName("vscode")).contains(ClientFormat.VSCODE);
        assertThat(ClientFormat.byCliName("cursor")).contains(ClientFormat.CURSOR);
        assertThat(ClientFormat.byCliName("CURSOR")).isEmpty();
    }
}
