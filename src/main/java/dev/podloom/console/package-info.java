/**
 * Pages served by the jar for people: the web dashboard at {@code /app} (account holders and operators,
 * static pages calling the public and admin APIs), the API docs at {@code /docs} and the OpenAPI
 * document at {@code /openapi.yml}. No CDN, a strict Content-Security-Policy.
 */
package dev.podloom.console;
