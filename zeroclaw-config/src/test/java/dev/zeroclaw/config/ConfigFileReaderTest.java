package dev.zeroclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is refused before it is read: a file over the size cap (a 3 GiB config.toml used to end the reading thread
 * with OutOfMemoryError) and anything but a regular file (reading a FIFO blocked the reload forever).
 */
class ConfigFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheCapIsRefusedWithTheCapInTheMessageAndWithoutReadingIt() throws Exception {
        Path file = sparse(dir.resolve("config.toml"), 3L << 30); // truncate -s 3G: sparse, costs no disk

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser().load(file));

        assertThat(e.getMessage()).isEqualTo(file + ": the configuration file is 3.0 GiB, over the 16 MiB limit for a"
                + " config file: is it the right file? (see 'Limits' in docs/operations.md)");
        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.line()).isZero());
    }

    @Test
    void aFileOfExactlyTheCapIsRead() throws Exception {
        Path file = sparse(dir.resolve("config.toml"), ConfigFileReader.MAX_BYTES);

        assertThat(ConfigFileReader.read(file)).hasSize(ConfigFileReader.MAX_BYTES);
    }

    @Test
    void oneByteOverTheCapIsRefused() throws Exception {
        Path file = sparse(dir.resolve("config.toml"), ConfigFileReader.MAX_BYTES + 1L);

        NotAConfigFileException e = catchThrowableOfType(NotAConfigFileException.class, () -> ConfigFileReader.read(file));

        assertThat(e.getMessage()).startsWith("is 16.0 MiB, over the 16 MiB limit");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("config.toml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        // Opening it for reading would block until a writer came: no writer ever comes here.
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser().load(fifo));

        assertThat(e.getMessage()).isEqualTo(fifo + ": the configuration file is a named pipe (FIFO), not a regular file:"
                + " point the configuration at a regular file (see 'Limits' in docs/operations.md)");
    }

    @Test
    void aSymbolicLinkToARegularFileIsRead() throws Exception {
        Path target = Files.writeString(dir.resolve("real.toml"), "[mcp]\n", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("config.toml"), target);

        assertThat(ConfigFileReader.read(link)).isEqualTo("[mcp]\n".getBytes(StandardCharsets.UTF_8));
    }

    static Path sparse(Path file, long length) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
        return file;
    }
}
