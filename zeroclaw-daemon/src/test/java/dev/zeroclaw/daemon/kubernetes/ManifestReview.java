package dev.zeroclaw.daemon.kubernetes;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.api.ConfigError;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.api.GatewayAuth;
import dev.zeroclaw.api.McpConfig;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.config.ConfigException;
import dev.zeroclaw.config.ConfigParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What a reviewer checks in the Kubernetes manifests, against what the daemon really does: the
 * ConfigMap mounted as a directory and named by {@code --config}; its config valid for zeroclaw's
 * own parser, with {@code auto_reload} and a gateway the Service can reach, whose token comes from
 * the Secret; probes that get {@code 200} from {@code /healthz}; a locked-down pod that can still
 * write where the daemon writes; resources that hold the JVM; a Service and a PodDisruptionBudget
 * that select the pods. Each finding is one sentence that names its file.
 */
public final class ManifestReview {

    /** The launchers' heap cap ({@code bin/zeroclaw}, the packaged one): {@code -Xmx256m} unless ZEROCLAW_JAVA_OPTS says. */
    static final long LAUNCHER_HEAP_MIB = 256;
    /** What the daemon's JVM needs beside its heap: it measured 110-150 MiB of RSS in all. */
    static final long NON_HEAP_MIB = 128;
    /** The JVM's own start, before the servers start: 2.4-4.6 s measured on one CPU. */
    static final int JVM_START_SECS = 20;
    /** After SIGTERM the daemon exits within the largest stop_timeout_secs plus this (docs/operations.md). */
    static final int STOP_MARGIN_SECS = 2;

    private static final List<String> PROBES = List.of("startupProbe", "readinessProbe", "livenessProbe");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");
    private static final Pattern USERADD = Pattern.compile("useradd\\b[^\\n]*(?:\\\\\\n[^\\n]*)*");
    private static final Pattern UID = Pattern.compile("--uid\\s+(\\d+)");
    private static final Pattern HOME = Pattern.compile("--home-dir\\s+(\\S+)");
    /** Where a probe's command connects: bash's {@code /dev/tcp/HOST/PORT}, or a URL's {@code ://HOST:PORT}. */
    private static final Pattern CONNECTS_TO = Pattern.compile("(?:/dev/tcp/[^/\\s]+/|://[^/\\s]+:)(\\d+)");
    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)(m|k|Ki|M|Mi|G|Gi|T|Ti)?");

    private final Manifests manifests;
    private final String containerfile;
    private final List<String> problems = new ArrayList<>();
    // Found along the way, for the checks that follow and for the integration test.
    private Optional<String> configText = Optional.empty();
    private Optional<McpConfig> config = Optional.empty();
    private Optional<Integer> gatewayPort = Optional.empty();

    private ManifestReview(Manifests manifests, String containerfile) {
        this.manifests = requireNonNull(manifests, "manifests is null");
        this.containerfile = requireNonNull(containerfile, "containerfile is null");
    }

    /** Reviews the manifests in {@code directory} together with the image they run. */
    public static ManifestReview of(Path directory, Path containerfile) throws IOException {
        ManifestReview review = new ManifestReview(Manifests.load(directory), Files.readString(containerfile));
        review.run();
        return review;
    }

    /** Every finding, one sentence each; empty when the manifests pass. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The config.toml the daemon is started with, as the ConfigMap holds it. */
    public String configText() {
        return configText.orElseThrow(() -> new IllegalStateException("no config: " + problems));
    }

    /** The gateway's port, from the config's {@code listen}. */
    public int gatewayPort() {
        return gatewayPort.orElseThrow(() -> new IllegalStateException("no gateway port: " + problems));
    }

    /** The variable that holds the gateway's token ({@code auth_token_env}). */
    public String tokenVariable() {
        return config.flatMap(c -> c.settings().gatewayAuthTokenEnv())
                .orElseThrow(() -> new IllegalStateException("no auth_token_env: " + problems));
    }

    /** The command of one exec probe of the daemon's container ({@code readinessProbe}, ...). */
    public List<String> probeCommand(String probe) {
        List<String> command = texts(container().path(probe).path("exec").path("command"));
        if (command.isEmpty()) {
            throw new IllegalStateException(probe + " is not an exec probe");
        }
        return command;
    }

    private void run() {
        for (String kind : List.of("Deployment", "ConfigMap", "Service", "PodDisruptionBudget")) {
            int found = manifests.ofKind(kind).size();
            if (found != 1) {
                problems.add("kustomization.yaml: expected one " + kind + " among its resources, found " + found);
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        checkCommand();
        checkConfigMount();
        config.ifPresent(this::checkGateway);
        checkProbes();
        checkService();
        checkSecurity();
        checkWritableDirectories();
        checkResources();
        config.ifPresent(this::checkStartAndStop);
        checkDisruptionBudget();
    }

    // --- the command line and the config ---

    private void checkCommand() {
        if (container().has("command")) {
            problem(deployment(), "the container's command replaces the image's entrypoint (tini, then bin/zeroclaw);"
                    + " give the daemon's arguments as args");
        }
        List<String> args = texts(container().path("args"));
        if (args.isEmpty() || !args.get(0).equals("daemon")) {
            problem(deployment(), "the container's args must start with 'daemon' (zeroclaw daemon --config FILE), not " + args);
        }
        if (configPath().isEmpty()) {
            problem(deployment(), "the container's args name no --config FILE; the daemon would read"
                    + " $ZEROCLAW_CONFIG_DIR/config.toml or ~/.zeroclaw/config.toml instead of the ConfigMap");
        }
    }

    private void checkConfigMount() {
        ManifestDocument configMap = manifests.ofKind("ConfigMap").get(0);
        Optional<JsonNode> volume = stream(podSpec().path("volumes"))
                .filter(v -> v.path("configMap").path("name").asText().equals(configMap.name())).findFirst();
        if (volume.isEmpty()) {
            problem(deployment(), "no volume of the pod is the ConfigMap " + configMap.name());
            return;
        }
        String volumeName = volume.get().path("name").asText();
        List<JsonNode> mounts = stream(container().path("volumeMounts"))
                .filter(m -> m.path("name").asText().equals(volumeName)).toList();
        if (mounts.isEmpty()) {
            problem(deployment(), "the container does not mount the volume " + volumeName + " (the ConfigMap)");
            return;
        }
        for (JsonNode mount : mounts) {
            if (mount.has("subPath") || mount.has("subPathExpr")) {
                problem(deployment(), "the ConfigMap is mounted with subPath at " + mount.path("mountPath").asText()
                        + ": such a mount never sees the ConfigMap change, so auto_reload would never fire; mount it"
                        + " as a directory");
            }
        }
        if (configPath().isEmpty()) {
            return;
        }
        Path file = Path.of(configPath().get());
        boolean inMount = mounts.stream().anyMatch(m -> !m.has("subPath")
                && Path.of(m.path("mountPath").asText()).equals(file.getParent()));
        if (!inMount) {
            problem(deployment(), "--config " + file + " is not in the ConfigMap's mount "
                    + mounts.stream().map(m -> m.path("mountPath").asText()).toList()
                    + ": the daemon would not read the ConfigMap, nor see it change");
            return;
        }
        Optional<String> key = keyFor(volume.get(), file.getFileName().toString());
        JsonNode data = configMap.tree().path("data");
        if (key.isEmpty() || !data.has(key.get())) {
            problem(deployment(), "--config names " + file.getFileName() + ", but the ConfigMap " + configMap.name()
                    + " has no such key (its keys: " + texts(data.fieldNames()) + ")");
            return;
        }
        configText = Optional.of(data.path(key.get()).asText());
        try {
            config = Optional.of(new ConfigParser().parse(configMap.file(), configText.get().getBytes(StandardCharsets.UTF_8)));
        } catch (ConfigException e) {
            e.errors().forEach(error -> problems.add(inYamlFile(configMap, key.get(), error).toString()));
        }
    }

    /** The ConfigMap key that appears as {@code fileName} in the volume ({@code items} maps keys to paths). */
    private static Optional<String> keyFor(JsonNode volume, String fileName) {
        JsonNode items = volume.path("configMap").path("items");
        if (items.isEmpty()) {
            return Optional.of(fileName);
        }
        return stream(items).filter(item -> item.path("path").asText().equals(fileName))
                .map(item -> item.path("key").asText()).findFirst();
    }

    /**
     * A config error at its place in the YAML file: the config is the block scalar of {@code key}
     * ({@code key: |}), so its line N is N lines below the key, one indentation further in.
     */
    private ConfigError inYamlFile(ManifestDocument configMap, String key, ConfigError error) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifests.directory().resolve(configMap.file()));
        } catch (IOException e) {
            return error;
        }
        Pattern header = Pattern.compile("\\s*\"?" + Pattern.quote(key) + "\"?:\\s*\\|.*");
        for (int i = 0; i < lines.size(); i++) {
            if (header.matcher(lines.get(i)).matches() && i + 1 < lines.size() && error.line() > 0) {
                String first = lines.get(i + 1);
                int indent = first.length() - first.stripLeading().length();
                return new ConfigError(configMap.file(), i + 1 + error.line(), indent + error.column(), error.message());
            }
        }
        return error;
    }

    private void checkGateway(McpConfig mcp) {
        DaemonSettings settings = mcp.settings();
        ManifestDocument configMap = manifests.ofKind("ConfigMap").get(0);
        if (!settings.autoReload()) {
            problem(configMap, "the config has auto_reload = false: an edit of the ConfigMap would change the file and"
                    + " never reload the daemon; set [mcp] auto_reload = true");
        }
        String listen = settings.gatewayListen();
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        gatewayPort = Optional.of(Integer.parseInt(listen.substring(colon + 1)));
        if (!isWildcard(host)) {
            problem(configMap, "mcp.gateway.listen = \"" + listen + "\": in a pod the gateway must listen on 0.0.0.0 or"
                    + " [::], so that the Service reaches it at the pod's address (unknown in advance)");
        }
        if (settings.gatewayAuth() != GatewayAuth.TOKEN || settings.gatewayAuthTokenEnv().isEmpty()) {
            problem(configMap, "the config sets no mcp.gateway.auth_token_env: the daemon refuses to start with a"
                    + " non-loopback listen address without one (docs/gateway.md)");
            return;
        }
        String variable = settings.gatewayAuthTokenEnv().get();
        Optional<JsonNode> env = stream(container().path("env")).filter(e -> e.path("name").asText().equals(variable)).findFirst();
        JsonNode reference = env.map(e -> e.path("valueFrom").path("secretKeyRef")).orElse(null);
        if (reference == null || reference.isMissingNode()) {
            problem(deployment(), "the config's auth_token_env is " + variable + ", but the container's env does not"
                    + " set it from a Secret (valueFrom.secretKeyRef): the daemon would refuse to start, or the token"
                    + " would be written in the Deployment");
            return;
        }
        String secret = reference.path("name").asText();
        String secretKey = reference.path("key").asText();
        Optional<Set<String>> keys = manifests.secretKeys(secret);
        if (keys.isEmpty()) {
            problem(deployment(), variable + " comes from the Secret " + secret + ", which kustomization.yaml does not make");
        } else if (!keys.get().contains(secretKey)) {
            problem(deployment(), variable + " comes from key " + secretKey + " of the Secret " + secret
                    + ", which has no such key (its keys: " + keys.get() + ")");
        }
        boolean declared = stream(container().path("ports")).anyMatch(p -> p.path("containerPort").asInt() == gatewayPort.get());
        if (!declared) {
            problem(deployment(), "the container declares no containerPort " + gatewayPort.get() + " (the gateway's port)");
        }
    }

    private static boolean isWildcard(String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name would be resolved at start; a pod has no name for all its addresses
        }
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // --- probes ---

    private void checkProbes() {
        for (String probe : PROBES) {
            JsonNode spec = container().path(probe);
            if (spec.isMissingNode()) {
                if (!probe.equals("startupProbe")) {
                    problem(deployment(), "the container has no " + probe + " (on /healthz of the gateway)");
                }
                continue;
            }
            gatewayPort.ifPresent(port -> checkProbe(probe, spec, port));
        }
    }

    private void checkProbe(String probe, JsonNode spec, int port) {
        if (spec.has("httpGet")) {
            JsonNode get = spec.path("httpGet");
            boolean withToken = stream(get.path("httpHeaders")).anyMatch(h -> h.path("name").asText().equalsIgnoreCase("Authorization"));
            problem(deployment(), probe + " is an httpGet probe: " + (withToken
                    ? "its Authorization header writes the gateway's token into the Deployment"
                    : "the gateway answers /healthz with 401 unless it carries the bearer token, which an httpGet probe"
                            + " cannot take from a Secret (docs/gateway.md)"));
            return;
        }
        String command = String.join(" ", texts(spec.path("exec").path("command")));
        if (command.isEmpty()) {
            problem(deployment(), probe + " must ask /healthz of the gateway (an exec probe that sends the token)");
            return;
        }
        if (!command.contains("/healthz")) {
            problem(deployment(), probe + " does not ask /healthz");
        }
        List<String> targets = CONNECTS_TO.matcher(command).results().map(result -> result.group(1)).toList();
        if (targets.isEmpty() || !targets.stream().allMatch(target -> target.equals(Integer.toString(port)))) {
            problem(deployment(), probe + " does not connect to the gateway's port " + port + " (it connects to " + targets + ")");
        }
        config.flatMap(c -> c.settings().gatewayAuthTokenEnv()).ifPresent(variable -> {
            if (!Pattern.compile("\\$\\{?" + Pattern.quote(variable) + "(?![A-Za-z0-9_])").matcher(command).find()) {
                problem(deployment(), probe + " does not send the token ($" + variable + "): the gateway would answer 401");
            }
        });
    }

    // --- the Service ---

    private void checkService() {
        ManifestDocument service = manifests.ofKind("Service").get(0);
        JsonNode spec = service.tree().path("spec");
        if (!selectsPods(spec.path("selector"))) {
            problem(service, "the Service's selector " + spec.path("selector") + " does not select the Deployment's pods "
                    + podLabels());
        }
        gatewayPort.ifPresent(port -> {
            boolean targets = stream(spec.path("ports")).anyMatch(p -> resolvesTo(p.path("targetPort"), port));
            if (!targets) {
                problem(service, "no port of the Service has the gateway's port " + port + " as its targetPort");
            }
        });
        if (replicas() > 1 && !spec.path("sessionAffinity").asText().equals("ClientIP")) {
            problem(service, "the Deployment runs " + replicas() + " replicas, but the Service has no sessionAffinity:"
                    + " ClientIP: a request routed to a replica other than the one that answered the session's"
                    + " initialize gets 404 \"unknown session\"");
        }
    }

    /** A probe's or Service's port: the number, or the name of a port of the container. */
    private boolean resolvesTo(JsonNode port, int number) {
        if (port.isMissingNode()) {
            return false;
        }
        if (port.isInt()) {
            return port.asInt() == number;
        }
        return stream(container().path("ports"))
                .anyMatch(p -> p.path("name").asText().equals(port.asText()) && p.path("containerPort").asInt() == number);
    }

    private boolean selectsPods(JsonNode matchLabels) {
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            return false;
        }
        JsonNode labels = podLabels();
        return texts(matchLabels.fieldNames()).stream()
                .allMatch(name -> labels.path(name).asText().equals(matchLabels.path(name).asText()));
    }

    // --- security and the file system ---

    private void checkSecurity() {
        JsonNode pod = podSpec().path("securityContext");
        JsonNode own = container().path("securityContext");
        if (!setting(own, pod, "runAsNonRoot").asBoolean(false)) {
            problem(deployment(), "runAsNonRoot must be true");
        }
        int uid = setting(own, pod, "runAsUser").asInt(0);
        Matcher useradd = USERADD.matcher(containerfile);
        Optional<Integer> imageUid = Optional.empty();
        if (useradd.find()) {
            Matcher number = UID.matcher(useradd.group());
            imageUid = number.find() ? Optional.of(Integer.parseInt(number.group(1))) : Optional.empty();
        }
        if (uid == 0 || imageUid.isEmpty() || uid != imageUid.get()) {
            problem(deployment(), "runAsUser must be the uid of the image's user (" + imageUid.map(String::valueOf)
                    .orElse("none found in the Containerfile") + "), not " + uid + ": the JVM takes its home directory"
                    + " from /etc/passwd, so an unknown uid has none");
        }
        if (!own.path("readOnlyRootFilesystem").asBoolean(false)) {
            problem(deployment(), "the container's readOnlyRootFilesystem must be true");
        }
        if (own.path("allowPrivilegeEscalation").asBoolean(true)) {
            problem(deployment(), "the container's allowPrivilegeEscalation must be false");
        }
        if (!texts(own.path("capabilities").path("drop")).contains("ALL")) {
            problem(deployment(), "the container must drop ALL capabilities");
        }
        if (podSpec().path("enableServiceLinks").asBoolean(true)) {
            problem(deployment(), "enableServiceLinks must be false: the Service zeroclaw would put ZEROCLAW_PORT and"
                    + " the like into the daemon's environment, which every stdio server inherits");
        }
    }

    private static JsonNode setting(JsonNode container, JsonNode pod, String name) {
        return container.has(name) ? container.path(name) : pod.path(name);
    }

    private void checkWritableDirectories() {
        checkWritable("XDG_RUNTIME_DIR (the runtime directory: pid file, control socket)", env("XDG_RUNTIME_DIR"));
        checkWritable("HOME (where ~/.zeroclaw and the servers' caches go)", env("HOME"));
        checkWritable("/tmp (jnr-ffi unpacks its native library there)", Optional.of("/tmp"));
        Matcher useradd = USERADD.matcher(containerfile);
        if (useradd.find()) {
            Matcher home = HOME.matcher(useradd.group());
            if (home.find() && !env("HOME").orElse("").equals(home.group(1))) {
                problem(deployment(), "HOME must be the image user's home directory " + home.group(1)
                        + ": the JVM reads ~ from /etc/passwd, the servers from $HOME");
            }
        }
    }

    private void checkWritable(String what, Optional<String> path) {
        if (path.isEmpty()) {
            problem(deployment(), "the container's env does not set " + what);
            return;
        }
        Path directory = Path.of(path.get());
        Optional<JsonNode> mount = stream(container().path("volumeMounts"))
                .filter(m -> directory.startsWith(Path.of(m.path("mountPath").asText())))
                .max((a, b) -> a.path("mountPath").asText().length() - b.path("mountPath").asText().length());
        boolean emptyDir = mount.isPresent() && !mount.get().path("readOnly").asBoolean(false)
                && stream(podSpec().path("volumes")).anyMatch(v -> v.path("name").asText().equals(mount.get().path("name").asText())
                        && v.has("emptyDir"));
        if (!emptyDir) {
            problem(deployment(), what + " at " + directory + " is not on a writable emptyDir: the root filesystem is"
                    + " read-only");
        }
    }

    // --- resources, start and stop ---

    private void checkResources() {
        JsonNode resources = container().path("resources");
        for (String side : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (!resources.path(side).has(resource)) {
                    problem(deployment(), "the container sets no resources." + side + "." + resource);
                }
            }
        }
        if (!resources.path("limits").has("memory")) {
            return;
        }
        long limitMiB = bytes(resources.path("limits").path("memory").asText()) >> 20;
        long heapMiB = heapMiB();
        if (limitMiB < heapMiB + NON_HEAP_MIB) {
            problem(deployment(), "the memory limit (" + limitMiB + " MiB) must hold the daemon's heap cap (" + heapMiB
                    + " MiB) and " + NON_HEAP_MIB + " MiB beside it, or the kernel kills the JVM before it can"
                    + " collect its garbage");
        }
        if (resources.path("requests").has("memory")
                && bytes(resources.path("requests").path("memory").asText()) > bytes(resources.path("limits").path("memory").asText())) {
            problem(deployment(), "the memory request is above the limit");
        }
    }

    private long heapMiB() {
        Matcher xmx = XMX.matcher(env("ZEROCLAW_JAVA_OPTS").orElse(""));
        long heap = LAUNCHER_HEAP_MIB;
        while (xmx.find()) { // the last -Xmx wins, as for the JVM
            long value = Long.parseLong(xmx.group(1));
            heap = switch (xmx.group(2).toLowerCase(Locale.ROOT)) {
                case "g" -> value << 10;
                case "m" -> value;
                case "k" -> value >> 10;
                default -> value >> 20;
            };
        }
        return heap;
    }

    private void checkStartAndStop(McpConfig mcp) {
        int startup = mcp.runnableServers().stream().mapToInt(ServerSpec::startupTimeoutSecs).max().orElse(0);
        int stop = mcp.runnableServers().stream().mapToInt(ServerSpec::stopTimeoutSecs).max().orElse(0);
        String guard = container().has("startupProbe") ? "startupProbe" : "livenessProbe";
        JsonNode probe = container().path(guard);
        int budget = probe.path("initialDelaySeconds").asInt(0)
                + probe.path("periodSeconds").asInt(10) * probe.path("failureThreshold").asInt(3);
        int needed = JVM_START_SECS + startup + STOP_MARGIN_SECS;
        if (budget < needed) {
            problem(deployment(), guard + " gives the daemon " + budget + " s to become ready, but /healthz may answer"
                    + " 503 for up to " + needed + " s (the JVM, then the largest startup_timeout_secs, " + startup + " s)");
        }
        int grace = podSpec().path("terminationGracePeriodSeconds").asInt(30);
        int preStop = texts(container().path("lifecycle").path("preStop").path("exec").path("command")).stream()
                .filter(part -> part.matches("\\d+")).mapToInt(Integer::parseInt).sum();
        if (grace < preStop + stop + STOP_MARGIN_SECS + 1) {
            problem(deployment(), "terminationGracePeriodSeconds (" + grace + ") must outlast the preStop pause (" + preStop
                    + " s) and the daemon's stop (the largest stop_timeout_secs, " + stop + " s, plus " + STOP_MARGIN_SECS
                    + "), or the servers are killed in the middle of their stop");
        }
    }

    // --- the PodDisruptionBudget ---

    private void checkDisruptionBudget() {
        ManifestDocument budget = manifests.ofKind("PodDisruptionBudget").get(0);
        JsonNode spec = budget.tree().path("spec");
        if (!selectsPods(spec.path("selector").path("matchLabels")) || spec.path("selector").has("matchExpressions")) {
            problem(budget, "the PodDisruptionBudget's selector does not select the Deployment's pods " + podLabels());
        }
        JsonNode minAvailable = spec.path("minAvailable");
        JsonNode maxUnavailable = spec.path("maxUnavailable");
        boolean blocks = (minAvailable.isInt() && minAvailable.asInt() >= replicas())
                || minAvailable.asText().equals("100%")
                || (maxUnavailable.isInt() && maxUnavailable.asInt() == 0) || maxUnavailable.asText().equals("0%");
        if (blocks) {
            problem(budget, "the PodDisruptionBudget lets no pod of " + replicas() + " go: every node drain would wait"
                    + " forever");
        }
        if (minAvailable.isMissingNode() && maxUnavailable.isMissingNode()) {
            problem(budget, "the PodDisruptionBudget sets neither minAvailable nor maxUnavailable");
        }
    }

    // --- reading the Deployment ---

    private ManifestDocument deployment() {
        return manifests.ofKind("Deployment").get(0);
    }

    private JsonNode podSpec() {
        return deployment().tree().path("spec").path("template").path("spec");
    }

    private JsonNode podLabels() {
        return deployment().tree().path("spec").path("template").path("metadata").path("labels");
    }

    private int replicas() {
        return deployment().tree().path("spec").path("replicas").asInt(1);
    }

    /** The daemon's container: the one named zeroclaw, else the first. */
    private JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        return stream(containers).filter(c -> c.path("name").asText().equals("zeroclaw")).findFirst()
                .orElse(containers.path(0));
    }

    private Optional<String> configPath() {
        List<String> args = texts(container().path("args"));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--config") && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith("--config=")) {
                return Optional.of(args.get(i).substring("--config=".length()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> env(String name) {
        return stream(container().path("env")).filter(e -> e.path("name").asText().equals(name) && e.has("value"))
                .map(e -> e.path("value").asText()).findFirst();
    }

    // --- small helpers ---

    private void problem(ManifestDocument document, String message) {
        problems.add(document.file() + ": " + message);
    }

    /** A Kubernetes quantity in bytes ({@code 512Mi}, {@code 1G}, {@code 268435456}). */
    static long bytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a quantity: " + quantity);
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        double factor = switch (unit) {
            case "m" -> 0.001;
            case "k" -> 1e3;
            case "Ki" -> 1L << 10;
            case "M" -> 1e6;
            case "Mi" -> 1L << 20;
            case "G" -> 1e9;
            case "Gi" -> 1L << 30;
            case "T" -> 1e12;
            case "Ti" -> 1L << 40;
            default -> 1;
        };
        return (long) (value * factor);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    private static List<String> texts(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
