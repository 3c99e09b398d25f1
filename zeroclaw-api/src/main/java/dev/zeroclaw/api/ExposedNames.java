package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names clients see for the servers' tools (or prompts), {@code <prefix>__<name>}, each
 * matching {@code ^[a-zA-Z0-9_-]{1,64}$} as every client accepts (docker/mcp-gateway #228 and #567
 * break on others). The prefix is the server's ({@link ServerPrefixes}); in the server's own name
 * every other character becomes {@code _}. A name over 64 characters is cut to 57 and given
 * {@code _} and six hex digits of the SHA-256 of its full name ({@code <prefix>__<own name>}, as
 * written); names that are equal ignoring ASCII case after that all get the same kind of suffix
 * (a hash of {@code <full name>#<n>} on the rare second clash). Nothing is ever refused or left out.
 *
 * <p>Deterministic: the same servers and names give the same table on every call, in any order of
 * calls; a suffix for a collision is there while the colliding name is. The one function for the
 * gateway's lists and calls and for {@code status}. Immutable.
 */
public final class ExposedNames {

    /** The longest name clients accept. */
    public static final int MAX_LENGTH = 64;
    public static final String SEPARATOR = "__";

    private static final int CUT_LENGTH = MAX_LENGTH - 7;

    /**
     * A name as its server knows it.
     *
     * @param server the configured server name
     * @param name the server's own name for the tool or prompt
     */
    public record Original(String server, String name) {
        public Original {
            requireNonNull(server, "server is null");
            requireNonNull(name, "name is null");
        }
    }

    private final ServerPrefixes prefixes;
    // In the order given: servers, then each server's names.
    private final Map<Original, String> exposedByOriginal;
    private final Map<String, Original> originalByExposed;

    private ExposedNames(ServerPrefixes prefixes, Map<Original, String> exposedByOriginal) {
        this.prefixes = prefixes;
        this.exposedByOriginal = exposedByOriginal;
        Map<String, Original> reverse = new HashMap<>();
        exposedByOriginal.forEach((original, exposed) -> reverse.put(exposed, original));
        this.originalByExposed = Map.copyOf(reverse);
    }

    /** The table of {@code namesByServer} (each server's own names, in its order) under {@code prefixes}. */
    public static ExposedNames of(ServerPrefixes prefixes, Map<String, ? extends Collection<String>> namesByServer) {
        requireNonNull(prefixes, "prefixes is null");
        requireNonNull(namesByServer, "namesByServer is null");
        Map<Original, String> candidates = new LinkedHashMap<>();
        Map<String, Integer> folded = new HashMap<>();
        namesByServer.forEach((server, names) -> {
            String prefix = prefixes.prefix(server);
            for (String name : names) {
                Original original = new Original(server, name);
                if (!candidates.containsKey(original)) {
                    String candidate = candidate(prefix, name);
                    candidates.put(original, candidate);
                    folded.merge(ServerPrefixes.asciiLowerCase(candidate), 1, Integer::sum);
                }
            }
        });
        Map<Original, String> exposed = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        // Names alone in their fold keep their form; only then do the colliding ones pick suffixes,
        // so a suffixed name never takes a name another tool already has.
        candidates.forEach((original, candidate) -> {
            if (folded.get(ServerPrefixes.asciiLowerCase(candidate)) == 1) {
                exposed.put(original, candidate);
                taken.add(ServerPrefixes.asciiLowerCase(candidate));
            }
        });
        candidates.forEach((original, candidate) -> {
            if (exposed.containsKey(original)) {
                return;
            }
            String full = prefixes.prefix(original.server()) + SEPARATOR + original.name();
            String name = suffixed(candidate, full);
            for (int clash = 1; taken.contains(ServerPrefixes.asciiLowerCase(name)); clash++) {
                name = suffixed(candidate, full + "#" + clash);
            }
            taken.add(ServerPrefixes.asciiLowerCase(name));
            exposed.put(original, name);
        });
        // Keep the given order for status and check output.
        Map<Original, String> ordered = new LinkedHashMap<>();
        candidates.keySet().forEach(original -> ordered.put(original, exposed.get(original)));
        return new ExposedNames(prefixes, Collections.unmodifiableMap(ordered));
    }

    /** Whether every client accepts {@code name}: {@code ^[a-zA-Z0-9_-]{1,64}$}. */
    public static boolean valid(String name) {
        return name.length() >= 1 && name.length() <= MAX_LENGTH && name.chars().allMatch(ExposedNames::allowed);
    }

    /**
     * The name clients see for {@code name} of {@code server}; for a pair not in the table, the
     * name it would have alone (sanitised and cut, without a collision's suffix).
     */
    public String exposed(String server, String name) {
        String known = exposedByOriginal.get(new Original(server, name));
        if (known != null) {
            return known;
        }
        return candidate(prefixes.prefix(server), name);
    }

    /** The server and own name behind an exposed name of this table. */
    public Optional<Original> original(String exposed) {
        return Optional.ofNullable(originalByExposed.get(requireNonNull(exposed, "exposed is null")));
    }

    /**
     * The names of {@code server} that clients see otherwise than {@code <prefix>__<own name>}:
     * exposed name to own name, in the server's order.
     */
    public Map<String, String> renamed(String server) {
        requireNonNull(server, "server is null");
        String prefix = prefixes.prefix(server);
        Map<String, String> renamed = new LinkedHashMap<>();
        exposedByOriginal.forEach((original, exposed) -> {
            if (original.server().equals(server) && !exposed.equals(prefix + SEPARATOR + original.name())) {
                renamed.put(exposed, original.name());
            }
        });
        return renamed;
    }

    /** The prefixes the names were made with. */
    public ServerPrefixes prefixes() {
        return prefixes;
    }

    /** Every original with its exposed name, in the order given. */
    public Map<Original, String> all() {
        return exposedByOriginal;
    }

    /** {@code <prefix>__<name>} with every character clients refuse made {@code _}, cut when too long. */
    private static String candidate(String prefix, String name) {
        StringBuilder out = new StringBuilder(prefix).append(SEPARATOR);
        if (name.isEmpty()) {
            out.append('_');
        }
        name.codePoints().forEach(c -> out.append(allowed(c) ? (char) c : '_'));
        String candidate = out.toString();
        return candidate.length() > MAX_LENGTH ? suffixed(candidate, prefix + SEPARATOR + name) : candidate;
    }

    private static String suffixed(String candidate, String full) {
        String kept = candidate.length() > CUT_LENGTH ? candidate.substring(0, CUT_LENGTH) : candidate;
        return kept + "_" + ServerPrefixes.shortHash(full);
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
