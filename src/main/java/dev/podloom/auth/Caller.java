package dev.podloom.auth;

import dev.podloom.shared.TokenType;

import java.security.Principal;
import java.util.UUID;

/**
 * The account and key behind a request. Controllers declare it as a parameter to receive it. It is a
 * {@link Principal} so the OpenAPI processor knows it is bound from the request, not a query parameter.
 */
public record Caller(UUID accountId, UUID keyId, TokenType tokenType, String keyPrefix) implements Principal {

    public static final String ATTRIBUTE = "podloom.caller";

    /** The key's public prefix (never the secret). */
    @Override
    public String getName() {
        return keyPrefix;
    }
}
