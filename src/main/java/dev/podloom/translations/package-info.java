/**
 * Translations of finished podcasts (issue 13): {@code POST /v1/podcasts/{id}/translations} makes a new podcast whose
 * script is the original's translated by the language model turn by turn (speakers, chapters and citations kept),
 * spoken by voices of the target language and priced as a podcast of the same length.
 */
package dev.podloom.translations;
