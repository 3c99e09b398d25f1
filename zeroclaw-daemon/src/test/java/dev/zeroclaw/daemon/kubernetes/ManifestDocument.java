package dev.zeroclaw.daemon.kubernetes;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object of a manifest file.
 *
 * @param file the file it is in, relative to the kustomization, for messages
 * @param tree the object as written
 */
public record ManifestDocument(String file, JsonNode tree) {

    public ManifestDocument {
        requireNonNull(file, "file is null");
        requireNonNull(tree, "tree is null");
    }

    public String kind() {
        return tree.path("kind").asText();
    }

    public String name() {
        return tree.path("metadata").path("name").asText();
    }
}
