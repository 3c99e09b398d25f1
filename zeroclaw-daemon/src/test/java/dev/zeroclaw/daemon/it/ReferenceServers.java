package dev.zeroclaw.daemon.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Config entries for the pinned reference MCP servers (package.json) and a free loopback port for the gateway. */
final class ReferenceServers {

    static final Path MODULES = Zeroclaw.ROOT.resolve("node_modules/@modelcontextprotocol");
    static final Path EVERYTHING = MODULES.resolve("server-everything/dist/index.js");
    static final Path MEMORY = MODULES.resolve("server-memory/dist/index.js");

    private ReferenceServers() {}

    /** A port nobody listens on now; the daemon binds it a moment later. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String gateway(int port) {
        return "[mcp.gateway]\nlisten = \"127.0.0.1:" + port + "\"\n";
    }

    /** A gateway without a token ({@code auth = "none"}), for a client that cannot send one. */
    static String gatewayWithoutToken(int port) {
        return gateway(port) + "auth = \"none\"\n";
    }

    /** server-everything over stdio; {@code extra} lines go into its entry (env, timeouts). */
    static String everything(String name, String extra) {
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = "
                + Zeroclaw.toml(List.of(EVERYTHING.toString(), "stdio")) + "\n" + extra;
    }

    /** server-memory keeping its graph in {@code file}. */
    static String memory(String name, Path file) {
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = " + Zeroclaw.toml(List.of(MEMORY.toString()))
                + "\nenv = { MEMORY_FILE_PATH = \"" + file + "\" }\n";
    }

    /** The tests' MCP fixture server with no numbered tools and one tool of each of these names. */
    static String fixtureWithTools(String name, String... tools) {
        List<String> args = new ArrayList<>(List.of(Zeroclaw.FIXTURE.toString(), "--tools", "0"));
        for (String tool : tools) {
            args.add("--tool-name");
            args.add(tool);
        }
        return "[[mcp.servers]]\nname = \"" + name + "\"\ncommand = \"node\"\nargs = " + Zeroclaw.toml(args) + "\n";
    }
}
