/**
 * Pronunciation lexicons: an account's entries ({@code PUT /v1/account/lexicon}) and a request's
 * {@code pronunciations}, validated here and applied to the turns by the renderer (see {@code speech.Lexicon}).
 */
package dev.podloom.lexicon;
