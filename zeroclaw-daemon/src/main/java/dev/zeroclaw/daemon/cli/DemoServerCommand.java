package dev.zeroclaw.daemon.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zeroclaw.daemon.demo.DemoServer;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo-server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run a small MCP server on stdin/stdout, for the example configuration and for tests.",
            "Exits when stdin ends."
        })
public final class DemoServerCommand implements Callable<Integer> {

    private final ObjectMapper json;

    @Option(names = "--tools", split = ",", paramLabel = "SET", defaultValue = "clock,echo",
            description = "tool sets to offer: clock (get_time), echo (echo); default: ${DEFAULT-VALUE}")
    private List<String> tools;

    @Option(names = "--name", defaultValue = "demo", description = "name for its log lines; default: ${DEFAULT-VALUE}")
    private String name;

    @Option(names = "--page-size", defaultValue = "50", description = "tools per tools/list page; default: ${DEFAULT-VALUE}")
    private int pageSize;

    @Inject
    public DemoServerCommand(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Integer call() throws IOException {
        for (String set : tools) {
            if (!List.of("clock", "echo").contains(set)) {
                System.err.println("zeroclaw demo-server: unknown tool set '" + set + "' (known: clock, echo)");
                return ExitCodes.DEMO_SERVER_BAD_OPTION;
            }
        }
        if (pageSize < 1) {
            System.err.println("zeroclaw demo-server: --page-size must be at least 1");
            return ExitCodes.DEMO_SERVER_BAD_OPTION;
        }
        // stdout carries JSON-RPC only; everything else goes to stderr.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        new DemoServer(name, tools, pageSize, json, out, System.err)
                .serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        return ExitCodes.OK;
    }
}
