package dev.podloom.pipeline;

/** A chapter of the script: its title and the index of the turn it starts at. */
public record Segment(String title, int firstTurn) {
}
