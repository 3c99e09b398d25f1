package dev.zeroclaw.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.gateway.deferred.ToolDefinitionSize;
import dev.zeroclaw.signal.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateToolSizesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachServersFiguresAreKeptBesideTheOthersInAnOwnerOnlyFile() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        StateToolSizes kept = new StateToolSizes(() -> state, JSON);

        kept.write("everything", ToolDefinitionSize.ofBytes(16, 10_000));
        kept.write("fixture", ToolDefinitionSize.ofBytes(3, 300));
        kept.write("everything", ToolDefinitionSize.ofBytes(17, 10_400));

        assertThat(StateToolSizes.read(state, JSON)).containsOnlyKeys("everything", "fixture")
                .containsEntry("everything", new ToolDefinitionSize(17, 10_400, 2_600))
                .containsEntry("fixture", new ToolDefinitionSize(3, 300, 75));
        Path file = state.path().resolve(StateToolSizes.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.path()))).isEqualTo("rwx------");
    }

    @Test
    void figuresTheFileHoldsAlreadyAreNotWrittenAgain() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        new StateToolSizes(() -> state, JSON).write("fixture", ToolDefinitionSize.ofBytes(3, 300));
        Path file = state.path().resolve(StateToolSizes.FILE_NAME);
        String written = Files.readString(file);
        // A daemon started again measures the same figures: the file it finds stays as it is.
        Files.writeString(file, written.replace("\"fixture\"", "\"fixture\" "));
        StateToolSizes restarted = new StateToolSizes(() -> state, JSON);

        restarted.write("fixture", ToolDefinitionSize.ofBytes(3, 300));

        assertThat(Files.readString(file)).isNotEqualTo(written).contains("\"fixture\" ");
        restarted.write("fixture", ToolDefinitionSize.ofBytes(4, 400));
        assertThat(StateToolSizes.read(state, JSON)).containsEntry("fixture", ToolDefinitionSize.ofBytes(4, 400));
    }

    @Test
    void noFileIsNoFigures() throws Exception {
        assertThat(StateToolSizes.read(new StateDirectory(dir.resolve("none")), JSON)).isEmpty();
    }

    @Test
    void aDamagedFileGivesNoFiguresAndIsReplacedByTheNextWrite() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        state.write(StateToolSizes.FILE_NAME, "{not json");
        assertThat(StateToolSizes.read(state, JSON)).isEmpty();

        new StateToolSizes(() -> state, JSON).write("fixture", ToolDefinitionSize.ofBytes(1, 40));

        assertThat(StateToolSizes.read(state, JSON)).containsOnlyKeys("fixture");
    }
}
