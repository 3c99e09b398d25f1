/**
 * zeroclaw's remote transports: {@code http} (MCP's Streamable HTTP) and {@code sse} (the legacy
 * HTTP+SSE transport), on the JDK's {@link java.net.http.HttpClient}.
 *
 * <p>Written like a plugin: it depends on {@code zeroclaw-api} and on jackson-core's streaming
 * parser only, registers its providers in {@code META-INF/services}, and knows nothing of the
 * daemon. The daemon ships it on its own class path as a built-in; see the module's README.
 */
package dev.zeroclaw.transport.http;
