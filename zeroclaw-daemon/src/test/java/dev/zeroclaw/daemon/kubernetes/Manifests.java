package dev.zeroclaw.daemon.kubernetes;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kustomization directory read as plain YAML trees: the documents of the files its
 * {@code resources} list, and the Secrets its {@code secretGenerator} makes (their names and keys;
 * the generator's files need not exist). No cluster and no kustomize are needed.
 */
public final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path directory;
    private final JsonNode kustomization;
    private final List<ManifestDocument> documents;

    private Manifests(Path directory, JsonNode kustomization, List<ManifestDocument> documents) {
        this.directory = requireNonNull(directory, "directory is null");
        this.kustomization = requireNonNull(kustomization, "kustomization is null");
        this.documents = List.copyOf(documents);
    }

    /** The manifests in the repository: {@code packaging/kubernetes}. */
    public static Path shipped() {
        return repositoryRoot().resolve("packaging/kubernetes");
    }

    /** The image the manifests run: {@code packaging/container/Containerfile}. */
    public static Path containerfile() {
        return repositoryRoot().resolve("packaging/container/Containerfile");
    }

    private static Path repositoryRoot() {
        return Path.of(requireNonNull(System.getProperty("zeroclaw.root.dir"), "the build sets zeroclaw.root.dir"))
                .toAbsolutePath().normalize();
    }

    /** Reads {@code kustomization.yaml} in {@code directory} and every file it lists. */
    public static Manifests load(Path directory) throws IOException {
        JsonNode kustomization = YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        List<ManifestDocument> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            String file = resource.asText();
            try (MappingIterator<JsonNode> trees = YAML.readerFor(JsonNode.class).readValues(directory.resolve(file).toFile())) {
                while (trees.hasNext()) {
                    JsonNode tree = trees.next();
                    if (tree != null && !tree.isEmpty()) {
                        documents.add(new ManifestDocument(file, tree));
                    }
                }
            }
        }
        return new Manifests(directory, kustomization, documents);
    }

    public Path directory() {
        return directory;
    }

    public List<ManifestDocument> documents() {
        return documents;
    }

    /** The documents of one kind, in file order. */
    public List<ManifestDocument> ofKind(String kind) {
        return documents.stream().filter(document -> document.kind().equals(kind)).toList();
    }

    /** The document of {@code kind} named {@code name}. */
    public Optional<ManifestDocument> find(String kind, String name) {
        return ofKind(kind).stream().filter(document -> document.name().equals(name)).findFirst();
    }

    /**
     * The keys of the Secret named {@code name}: a Secret document's {@code data} and
     * {@code stringData}, or what a {@code secretGenerator} of that name makes from its
     * {@code files} ({@code key=path}, or the file's name) and {@code literals}.
     *
     * @return empty when no Secret of that name is made here
     */
    public Optional<Set<String>> secretKeys(String name) {
        Optional<ManifestDocument> secret = find("Secret", name);
        if (secret.isPresent()) {
            Set<String> keys = new LinkedHashSet<>();
            secret.get().tree().path("data").fieldNames().forEachRemaining(keys::add);
            secret.get().tree().path("stringData").fieldNames().forEachRemaining(keys::add);
            return Optional.of(keys);
        }
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            if (!generator.path("name").asText().equals(name)) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (JsonNode file : generator.path("files")) {
                String entry = file.asText();
                int equals = entry.indexOf('=');
                keys.add(equals >= 0 ? entry.substring(0, equals) : Path.of(entry).getFileName().toString());
            }
            for (JsonNode literal : generator.path("literals")) {
                keys.add(literal.asText().split("=", 2)[0]);
            }
            return Optional.of(keys);
        }
        return Optional.empty();
    }
}
