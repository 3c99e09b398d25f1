package dev.zeroclaw.config;

import dev.zeroclaw.api.ConfigError;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Decodes a file's bytes as strict UTF-8; TOML files must be valid UTF-8 and tomlj does not check. */
final class Utf8Text {

    private Utf8Text() {}

    /** The text, or one error at the first byte that is not valid UTF-8. */
    static String decode(String file, byte[] content) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            TextPosition at = TextPosition.of(out, out.length());
            String message = String.format(
                    "invalid UTF-8 (byte 0x%02X at offset %d): save the file as UTF-8",
                    content[in.position()] & 0xFF, in.position());
            throw new ConfigException(List.of(new ConfigError(file, at.line(), at.column(), message)));
        }
        return out.toString();
    }
}
