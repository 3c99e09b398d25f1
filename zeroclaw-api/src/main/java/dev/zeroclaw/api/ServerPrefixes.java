package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The prefix each server's tools and prompts carry for clients ({@code <prefix>__<tool>}) and its
 * resources ({@code zeroclaw://<prefix>/<uri>}). Upstream ZeroClaw accepts any server name
 * ({@code github.com}, {@code my server}); clients accept only {@code [a-zA-Z0-9_-]} in names, so
 * the prefix is the name, trimmed, with every other character made {@code _} and runs of {@code _}
 * made one (so a prefix never holds the {@code __} separator). Two names whose prefixes would be
 * equal ignoring ASCII case ({@code github.com}, {@code github_com}) both get {@code _} and six hex
 * digits of the SHA-256 of the name as written: deterministic, the same on every reload. A
 * server's {@code tool_prefix} ({@link #toolPrefixProblem}) stands for its sanitised name, and
 * collides like one.
 *
 * <p>The one function for the gateway, {@code config check} and {@code status}. Immutable.
 */
public final class ServerPrefixes {

    /** The longest {@code tool_prefix}: it leaves a tool at least 30 of the 64 characters clients accept. */
    public static final int MAX_TOOL_PREFIX_LENGTH = 32;

    private static final int SUFFIX_HEX_DIGITS = 6;
    private static final Pattern TOOL_PREFIX = Pattern.compile("[a-zA-Z0-9-]+(_[a-zA-Z0-9-]+)*");

    // Both in config order.
    private final Map<String, String> prefixByServer;
    private final Map<String, String> serverByPrefix;

    private ServerPrefixes(Map<String, String> prefixByServer) {
        this.prefixByServer = prefixByServer;
        Map<String, String> reverse = new HashMap<>();
        prefixByServer.forEach((server, prefix) -> reverse.put(prefix, server));
        this.serverByPrefix = Map.copyOf(reverse);
    }

    /** The prefixes of {@code servers}, names unique ignoring case as the config has them. */
    public static ServerPrefixes of(Collection<String> servers) {
        return of(servers, Map.of());
    }

    /** The prefixes of configured servers, with their {@code tool_prefix}es. */
    public static ServerPrefixes ofSpecs(Collection<ServerSpec> specs) {
        requireNonNull(specs, "specs is null");
        Map<String, String> toolPrefixes = new HashMap<>();
        specs.forEach(spec -> spec.toolPrefix().ifPresent(own -> toolPrefixes.put(spec.name(), own)));
        return of(specs.stream().map(ServerSpec::name).toList(), toolPrefixes);
    }

    /**
     * The prefixes of {@code servers}, where {@code toolPrefixes} gives some of them their
     * {@code tool_prefix} (valid ones: {@link #toolPrefixProblem}).
     */
    public static ServerPrefixes of(Collection<String> servers, Map<String, String> toolPrefixes) {
        requireNonNull(servers, "servers is null");
        requireNonNull(toolPrefixes, "toolPrefixes is null");
        Map<String, List<String>> byFolded = new HashMap<>();
        for (String server : servers) {
            byFolded.computeIfAbsent(asciiLowerCase(unsuffixed(server, toolPrefixes)), key -> new ArrayList<>()).add(server);
        }
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (String server : servers) {
            String prefix = unsuffixed(server, toolPrefixes);
            boolean collides = byFolded.get(asciiLowerCase(prefix)).size() > 1;
            prefixes.put(server, collides ? prefix + "_" + shortHash(server) : prefix);
        }
        return new ServerPrefixes(Collections.unmodifiableMap(prefixes));
    }

    private static String unsuffixed(String server, Map<String, String> toolPrefixes) {
        String own = toolPrefixes.get(server);
        return own != null ? own : sanitised(server);
    }

    /**
     * Why {@code toolPrefix} cannot be a {@code tool_prefix}; empty when it can: 1 to
     * {@value #MAX_TOOL_PREFIX_LENGTH} of {@code [a-zA-Z0-9_-]}, with no {@code __} (the separator
     * of {@code <prefix>__<tool>}) and no {@code _} at either end, so a name splits one way only.
     */
    public static Optional<String> toolPrefixProblem(String toolPrefix) {
        requireNonNull(toolPrefix, "toolPrefix is null");
        if (toolPrefix.isEmpty() || toolPrefix.length() > MAX_TOOL_PREFIX_LENGTH) {
            return Optional.of("'tool_prefix' must be 1 to " + MAX_TOOL_PREFIX_LENGTH + " characters long, got "
                    + toolPrefix.length());
        }
        if (!TOOL_PREFIX.matcher(toolPrefix).matches()) {
            return Optional.of("'tool_prefix' may hold only letters, digits, '-' and single '_' between them"
                    + " (clients accept [a-zA-Z0-9_-] and '__' separates the prefix from the tool), got '" + toolPrefix + "'");
        }
        return Optional.empty();
    }

    /** {@code name} as a prefix, before collisions are looked at: {@code github.com} is {@code github_com}. */
    public static String sanitised(String name) {
        requireNonNull(name, "name is null");
        StringBuilder out = new StringBuilder();
        for (char c : name.strip().toCharArray()) {
            char kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ? c : '_';
            if (kept == '_' && out.length() > 0 && out.charAt(out.length() - 1) == '_') {
                continue;
            }
            out.append(kept);
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    /** The prefix of a configured server; of any other name, its {@link #sanitised} form. */
    public String prefix(String server) {
        requireNonNull(server, "server is null");
        String prefix = prefixByServer.get(server);
        return prefix != null ? prefix : sanitised(server);
    }

    /** The configured server whose prefix this is. */
    public Optional<String> server(String prefix) {
        return Optional.ofNullable(serverByPrefix.get(requireNonNull(prefix, "prefix is null")));
    }

    /** Every server's prefix, in config order. */
    public Map<String, String> byServer() {
        return prefixByServer;
    }

    /**
     * {@code text} with ASCII letters lower-cased and every other character kept, as upstream
     * ZeroClaw's {@code to_ascii_lowercase} compares server names.
     */
    public static String asciiLowerCase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        text.chars().forEach(c -> lower.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)));
        return lower.toString();
    }

    /** The first six hex digits of the SHA-256 of {@code name}'s UTF-8 bytes. */
    public static String shortHash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; hex.length() < SUFFIX_HEX_DIGITS; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.substring(0, SUFFIX_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
