package dev.zeroclaw.oauth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import java.net.URI;
import java.util.Optional;

/**
 * What discovery found for one MCP server: the resource to name in every request (RFC 8707), the authorization
 * server (its issuer and metadata), and the scope to ask for.
 */
public record AuthorizationTarget(URI resource, URI issuer, AuthorizationServerMetadata metadata, Optional<String> scope) {

    public AuthorizationTarget {
        requireNonNull(resource, "resource is null");
        requireNonNull(issuer, "issuer is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(scope, "scope is null");
    }

    /** The same target asking for another scope (step-up on {@code insufficient_scope}). */
    public AuthorizationTarget withScope(String newScope) {
        return new AuthorizationTarget(resource, issuer, metadata, Optional.ofNullable(newScope).filter(s -> !s.isBlank()));
    }

    /** True when the server publishes Client ID Metadata Document support (MCP 2025-11-25). */
    public boolean supportsClientIdMetadataDocuments() {
        return Boolean.TRUE.equals(metadata.getCustomParameter("client_id_metadata_document_supported"));
    }
}
