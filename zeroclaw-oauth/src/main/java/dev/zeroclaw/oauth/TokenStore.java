package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.minidev.json.JSONObject;

/**
 * OAuth tokens on disk, outside {@code config.toml}: {@code <state>/oauth/<server>@<issuer hash>.json}, one file per
 * server and authorization server, mode {@code 0600} in a {@code 0700} directory. A save writes a new file and
 * renames it over the old one, so a reader (the daemon, {@code zeroclaw auth status}) never sees half a file and a
 * refresh never touches the configuration (so it never triggers a reload).
 *
 * <p>Thread safety: each call is independent; two writers of the same server race to the last rename, which is
 * what a refresh wants (the newest tokens win).
 */
public final class TokenStore {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String SUFFIX = ".json";

    private final Path directory;

    private TokenStore(Path directory) {
        this.directory = directory;
    }

    /**
     * The store under the daemon's state directory (which the caller made {@code 0700}); its {@code oauth}
     * directory is created {@code 0700}, and refused when it exists with access for others.
     */
    public static TokenStore open(Path stateDirectory) throws IOException {
        requireNonNull(stateDirectory, "stateDirectory is null");
        Path directory = stateDirectory.resolve("oauth");
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("token directory " + directory + " exists and is not a directory");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY_DIRECTORY.containsAll(permissions)) {
                throw new IOException("token directory " + directory + " is open to others (mode "
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 700 " + directory);
            }
        }
        return new TokenStore(directory);
    }

    public Path directory() {
        return directory;
    }

    /** The file of a server at an issuer; the issuer is hashed, so any URL makes a safe file name. */
    Path file(String server, URI issuer) {
        if (!SERVER_NAME.matcher(server).matches()) {
            throw new IllegalArgumentException("not a server name: " + server);
        }
        return directory.resolve(server + "@" + issuerHash(issuer) + SUFFIX);
    }

    public void save(StoredAuthorization authorization) throws IOException {
        write(file(authorization.server(), authorization.tokens().issuer()), toJson(authorization));
    }

    /**
     * Keeps the {@code WWW-Authenticate} challenge that made a server need a login (a step-up names the scope it
     * wants), so a login run later from the command line asks for what the daemon was refused. It holds no secret.
     */
    public void saveChallenge(String server, String wwwAuthenticate) throws IOException {
        write(challengeFile(server), wwwAuthenticate);
    }

    /** The challenge {@link #saveChallenge} kept for a server, until its next login. */
    public Optional<String> challenge(String server) throws IOException {
        try {
            return Optional.of(Files.readString(challengeFile(server), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void deleteChallenge(String server) throws IOException {
        Files.deleteIfExists(challengeFile(server));
    }

    private Path challengeFile(String server) {
        if (!SERVER_NAME.matcher(server).matches()) {
            throw new IllegalArgumentException("not a server name: " + server);
        }
        return directory.resolve(server + ".challenge");
    }

    private void write(Path target, String content) throws IOException {
        Path temporary = Files.createTempFile(directory, ".tmp-", SUFFIX, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public Optional<StoredAuthorization> load(String server, URI issuer) throws IOException {
        Path file = file(server, issuer);
        try {
            return Optional.of(read(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Every stored authorization of one server (normally one; two while it moves to another issuer). */
    public List<StoredAuthorization> load(String server) throws IOException {
        if (!SERVER_NAME.matcher(server).matches()) {
            return List.of(); // no file can hold it
        }
        // Only this server's files (the name has no glob characters): others' tokens are not read for it.
        return read(server + "@*" + SUFFIX).stream().filter(stored -> stored.server().equals(server)).toList();
    }

    /** Everything stored, for {@code zeroclaw auth status}; sorted by file name. */
    public List<StoredAuthorization> list() throws IOException {
        return read("*@*" + SUFFIX);
    }

    private List<StoredAuthorization> read(String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        List<StoredAuthorization> stored = new ArrayList<>();
        for (Path file : files) {
            try {
                stored.add(read(file));
            } catch (NoSuchFileException e) {
                // Deleted by a logout between the listing and the read.
            }
        }
        return stored;
    }

    /** Forgets a server's tokens at an issuer; true when there were some. */
    public boolean delete(String server, URI issuer) throws IOException {
        return Files.deleteIfExists(file(server, issuer));
    }

    private static StoredAuthorization read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JSONObject object = JSONObjectUtils.parse(json);
            JSONObject client = JSONObjectUtils.getJSONObject(object, "client");
            JSONObject tokens = JSONObjectUtils.getJSONObject(object, "tokens");
            ClientIdentity identity = new ClientIdentity(JSONObjectUtils.getString(client, "client_id"),
                    Optional.ofNullable(JSONObjectUtils.getString(client, "client_secret", null)),
                    JSONObjectUtils.getString(client, "auth_method"));
            TokenSet tokenSet = new TokenSet(JSONObjectUtils.getURI(tokens, "issuer"), JSONObjectUtils.getURI(tokens, "resource"),
                    JSONObjectUtils.getString(tokens, "access_token"),
                    Optional.ofNullable(JSONObjectUtils.getString(tokens, "refresh_token", null)),
                    Optional.ofNullable(JSONObjectUtils.getString(tokens, "expires_at", null)).map(Instant::parse),
                    Optional.ofNullable(JSONObjectUtils.getString(tokens, "scope", null)));
            return new StoredAuthorization(JSONObjectUtils.getString(object, "server"), identity, tokenSet);
        } catch (ParseException | RuntimeException e) {
            // The message names the file, never its content (it holds tokens).
            throw new IOException("token file " + file + " is damaged (" + e.getClass().getSimpleName()
                    + "); delete it and log in again: zeroclaw auth login <server>");
        }
    }

    private static String toJson(StoredAuthorization authorization) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("client_id", authorization.client().clientId());
        authorization.client().secret().ifPresent(secret -> client.put("client_secret", secret));
        client.put("auth_method", authorization.client().authMethod());
        TokenSet tokens = authorization.tokens();
        Map<String, Object> tokenMap = new LinkedHashMap<>();
        tokenMap.put("issuer", tokens.issuer().toString());
        tokenMap.put("resource", tokens.resource().toString());
        tokenMap.put("access_token", tokens.accessToken());
        tokens.refreshToken().ifPresent(token -> tokenMap.put("refresh_token", token));
        tokens.expiresAt().ifPresent(at -> tokenMap.put("expires_at", at.toString()));
        tokens.scope().ifPresent(scope -> tokenMap.put("scope", scope));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("version", 1);
        object.put("server", authorization.server());
        object.put("client", new JSONObject(client));
        object.put("tokens", new JSONObject(tokenMap));
        return new JSONObject(object).toJSONString() + "\n";
    }

    private static String issuerHash(URI issuer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(issuer.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
