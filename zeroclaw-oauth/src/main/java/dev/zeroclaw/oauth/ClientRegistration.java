package dev.zeroclaw.oauth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Dynamic Client Registration (RFC 7591): a public client with a loopback redirect, PKCE, and refresh tokens. */
public final class ClientRegistration {

    private ClientRegistration() {
    }

    public static ClientIdentity register(AuthorizationTarget target, URI redirectUri) throws OAuthException {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setRedirectionURI(redirectUri);
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of(new ResponseType(ResponseType.Value.CODE)));
        return register(target, metadata);
    }

    /** A public client for the device authorization grant (RFC 8628): no redirect, the device code and refresh grants. */
    public static ClientIdentity registerForDevice(AuthorizationTarget target) throws OAuthException {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setGrantTypes(Set.of(GrantType.DEVICE_CODE, GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of());
        return register(target, metadata);
    }

    private static ClientIdentity register(AuthorizationTarget target, ClientMetadata metadata) throws OAuthException {
        URI endpoint = target.metadata().getRegistrationEndpointURI();
        if (endpoint == null) {
            throw new OAuthException("authorization server " + target.issuer() + " offers no dynamic client registration;"
                    + " set oauth_client_id (and oauth_client_secret) for this server");
        }
        Endpoints.requireSecure(endpoint, "registration endpoint");
        metadata.setName("zeroclaw");
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        target.scope().ifPresent(scope -> metadata.setScope(Scope.parse(scope)));
        HTTPResponse response = Endpoints.send(new ClientRegistrationRequest(endpoint, metadata, null).toHTTPRequest(),
                "registration endpoint");
        try {
            ClientRegistrationResponse parsed = ClientRegistrationResponse.parse(response);
            if (!parsed.indicatesSuccess()) {
                var error = ((ClientRegistrationErrorResponse) parsed).getErrorObject();
                throw new OAuthException("registration at " + endpoint + " was refused: " + describe(error.getCode(),
                        error.getDescription(), error.getHTTPStatusCode()), error.getCode(), null);
            }
            ClientInformation information = parsed.toSuccessResponse().getClientInformation();
            Optional<String> secret = Optional.ofNullable(information.getSecret()).map(s -> s.getValue());
            ClientAuthenticationMethod method = information.getMetadata().getTokenEndpointAuthMethod();
            String authMethod = method != null ? method.getValue()
                    : secret.isPresent() ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue()
                    : ClientAuthenticationMethod.NONE.getValue();
            return new ClientIdentity(information.getID().getValue(), secret, authMethod);
        } catch (ParseException e) {
            throw new OAuthException("registration at " + endpoint + " answered something unreadable: " + e.getMessage());
        }
    }

    static String describe(String code, String description, int status) {
        List<String> parts = new ArrayList<>();
        parts.add(code == null ? "HTTP " + status : code);
        if (description != null && !description.isBlank()) {
            parts.add(description);
        }
        return String.join(": ", parts);
    }
}
