/**
 * MCP authorization for remote servers (spec revisions 2025-06-18 and 2025-11-25): the {@code WWW-Authenticate}
 * challenge, Protected Resource Metadata (RFC 9728), authorization server metadata (RFC 8414 with the OpenID
 * discovery fallback), Dynamic Client Registration (RFC 7591), the authorization code grant with PKCE S256 and
 * the {@code resource} indicator (RFC 8707), refresh with rotation, {@code client_credentials}, and the token
 * store. Plain Java built with {@code new}; no token ever appears in a {@code toString}, a message or a log.
 */
package dev.zeroclaw.oauth;
