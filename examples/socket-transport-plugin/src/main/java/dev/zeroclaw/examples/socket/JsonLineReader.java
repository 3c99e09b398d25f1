package dev.zeroclaw.examples.socket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Splits what a socket server sends into lines, one JSON-RPC message each (the framing of MCP's
 * stdio transport). A line longer than the bound is an {@link IOException}: memory stays bounded
 * whatever the server sends.
 */
final class JsonLineReader {

    private final ReadableByteChannel channel;
    private final int maxLineBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    JsonLineReader(ReadableByteChannel channel, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next non-empty line without its end ({@code \n}, or {@code \r\n}); empty at the end of the stream. */
    Optional<String> next() throws IOException {
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8).strip();
                    line.reset();
                    if (!text.isEmpty()) {
                        return Optional.of(text);
                    }
                    continue;
                }
                if (line.size() == maxLineBytes) {
                    throw new IOException("a message from the server is longer than " + maxLineBytes + " bytes");
                }
                line.write(b);
            }
            buffer.clear();
            int read = channel.read(buffer);
            buffer.flip();
            if (read < 0) {
                return Optional.empty(); // an unfinished last line is not a message
            }
        }
    }
}
