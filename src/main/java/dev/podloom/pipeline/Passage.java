package dev.podloom.pipeline;

/**
 * A numbered sentence of the sources that a script's turns may cite.
 *
 * @param id     the id turns cite
 * @param source the source's origin (its URL, or a label such as {@code text_content} or a file name)
 * @param text   the sentence as extracted
 */
public record Passage(int id, String source, String text) {
}
