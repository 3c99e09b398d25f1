package dev.zeroclaw.benchmarks.config;

import java.nio.charset.StandardCharsets;

/**
 * The shapes of a large config file that {@link LargeConfigBenchmark} parses: a small valid config
 * followed by one long run of blank lines or of comment lines (tomlj 2.2.0 alone took time growing
 * with the cube of such a run), and a file of nothing but servers.
 */
public enum ConfigShape {

    /** Three servers, then blank lines. */
    BLANK_RUN {
        @Override
        String filler(int index) {
            return "\n";
        }
    },
    /** Three servers, then one long comment block (a commented-out part of a file). */
    COMMENT_RUN {
        @Override
        String filler(int index) {
            return "# [[mcp.servers]] name = \"old-" + index + "\" command = \"npx\"\n";
        }
    },
    /** Servers only, each with args and env, separated by a blank line and a comment. */
    SERVERS {
        @Override
        String filler(int index) {
            return "\n# server " + index + "\n[[mcp.servers]]\nname = \"s" + index + "\"\ncommand = \"npx\"\n"
                    + "args = [\"-y\", \"@modelcontextprotocol/server-filesystem\", \"/srv/" + index + "\"]\n"
                    + "env = { \"LOG_LEVEL\" = \"info\" }\n";
        }
    };

    private static final String HEAD = "[mcp]\nenabled = true\n\n[mcp.gateway]\nlisten = \"127.0.0.1:8765\"\n";

    abstract String filler(int index);

    /** A file of this shape of at least {@code bytes} bytes, UTF-8. */
    public byte[] render(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 256).append(HEAD);
        if (this != SERVERS) {
            for (int i = 0; i < 3; i++) {
                text.append(SERVERS.filler(i));
            }
        }
        for (int i = 0; text.length() < bytes; i++) {
            text.append(filler(i));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
