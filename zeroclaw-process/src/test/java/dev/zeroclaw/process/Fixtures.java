package dev.zeroclaw.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.api.transport.TransportContext;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fixture servers under {@code src/test/resources/fixtures}, run with bash, never a shell line. */
final class Fixtures {

    private Fixtures() {}

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        assertThat(url).as("fixture " + name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A spec that runs {@code bash <fixture> args...}. */
    static ServerSpec.Builder spec(String fixture, String... args) {
        List<String> all = new ArrayList<>();
        all.add(path(fixture).toString());
        all.addAll(List.of(args));
        return ServerSpec.builder(fixture.replace(".sh", "")).command("bash").args(all);
    }

    static StdioTransport transport(ServerSpec spec) {
        return new StdioTransport(spec, new TransportContext(spec.name(), 1));
    }

    /** With a given kind of I/O, for the tests that run against both. */
    static StdioTransport transport(ProcessIo io, ServerSpec spec) {
        return new StdioTransport(spec, new TransportContext(spec.name(), 1), io);
    }

    /** One thread-per-stream I/O for every test that asks for it; its workers time out when idle. */
    static final ProcessIo THREADS = ProcessIo.threads("a test runs the thread-per-stream transport");
}
