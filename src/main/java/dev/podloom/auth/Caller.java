package dev.podloom.auth;

import dev.podloom.shared.TokenType;

import java.util.UUID;

/** The account and key behind a request. Controllers declare it as a parameter to receive it. */
public record Caller(UUID accountId, UUID keyId, TokenType tokenType, String keyPrefix) {

    public static final String ATTRIBUTE = "podloom.caller";
}
