package dev.zeroclaw.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code [mcp_bundles.<alias>]}: the servers (less {@code exclude}) and tools one group of
 * clients sees, served by the gateway at {@code /mcp/<alias>}. Upstream ZeroClaw's keys are
 * {@code servers} and {@code exclude} (deny wins); {@code tools}, {@code auth_token_env} and
 * {@code deferred_loading} are zeroclaw's. Immutable.
 *
 * @param alias the bundle's name, {@link #ALIAS} (upstream's grammar)
 * @param servers server names the bundle grants; a name no server has grants nothing
 * @param exclude server names it never grants, whatever {@code servers} says
 * @param tools patterns over {@code <server>__<tool>} (the server's config name, the tool's own
 *     name); empty for every tool of its servers
 * @param authTokenEnv the name of the variable holding the bundle's own bearer token
 * @param deferredLoading the bundle's {@code deferred_loading}, when it sets one
 * @param authToken the value of {@code authTokenEnv} once resolved; a secret, never printed
 *     ({@link #toString()} hides it)
 * @param oauthScope {@code oauth_scope}: an OAuth access token of the gateway's issuer with this scope opens the
 *     bundle's view ({@code [mcp.gateway] oauth_issuer})
 */
public record McpBundle(String alias, List<String> servers, List<String> exclude, List<ToolPattern> tools,
        Optional<String> authTokenEnv, Optional<Boolean> deferredLoading, Optional<String> authToken, Optional<String> oauthScope) {

    /** Upstream's alias grammar: lower-case letters, digits, single underscores; starts with a letter or digit; 1 to 63 long. */
    public static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:_?[a-z0-9])*_?");
    public static final int MAX_ALIAS_LENGTH = 63;
    /** Between the server's name and the tool's in what a {@code tools} pattern matches. */
    public static final String SEPARATOR = "__";

    public McpBundle {
        requireNonNull(alias, "alias is null");
        servers = List.copyOf(servers);
        exclude = List.copyOf(exclude);
        tools = List.copyOf(tools);
        requireNonNull(authTokenEnv, "authTokenEnv is null");
        requireNonNull(deferredLoading, "deferredLoading is null");
        requireNonNull(authToken, "authToken is null");
        requireNonNull(oauthScope, "oauthScope is null");
        Optional<String> problem = aliasProblem(alias);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** A bundle without {@code oauth_scope}. */
    public McpBundle(String alias, List<String> servers, List<String> exclude, List<ToolPattern> tools,
            Optional<String> authTokenEnv, Optional<Boolean> deferredLoading, Optional<String> authToken) {
        this(alias, servers, exclude, tools, authTokenEnv, deferredLoading, authToken, Optional.empty());
    }

    /** Why {@code alias} is no bundle alias, for a config error; empty when it is one. */
    public static Optional<String> aliasProblem(String alias) {
        if (alias.length() > MAX_ALIAS_LENGTH) {
            return Optional.of("bundle alias '" + alias + "' is " + alias.length() + " characters long; at most "
                    + MAX_ALIAS_LENGTH);
        }
        if (!ALIAS.matcher(alias).matches()) {
            return Optional.of("bundle alias '" + alias + "' is not valid: use lower-case letters, digits and single"
                    + " underscores, starting with a letter or digit (as upstream ZeroClaw)");
        }
        return Optional.empty();
    }

    /** This bundle with its token resolved to {@code token}. */
    public McpBundle withAuthToken(String token) {
        return new McpBundle(alias, servers, exclude, tools, authTokenEnv, deferredLoading, Optional.of(token), oauthScope);
    }

    /** Whether clients of the bundle see {@code server}: named in {@code servers}, not in {@code exclude}. */
    public boolean grants(String server) {
        return servers.contains(server) && !exclude.contains(server);
    }

    /** Whether clients of the bundle see {@code tool} of {@code server}: the server is granted and a pattern matches. */
    public boolean grants(String server, String tool) {
        return grants(server) && (tools.isEmpty() || tools.stream().anyMatch(pattern -> pattern.matches(server + SEPARATOR + tool)));
    }

    @Override
    public String toString() {
        return "McpBundle[alias=" + alias + ", servers=" + servers + ", exclude=" + exclude + ", tools=" + tools
                + ", authTokenEnv=" + authTokenEnv.orElse("") + ", deferredLoading=" + deferredLoading
                + ", oauthScope=" + oauthScope.orElse("") + "]";
    }
}
