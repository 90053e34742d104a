package dev.podloom.pipeline;

/**
 * What a script writer may know about a speaker beyond the name.
 *
 * @param name    the speaker's name as it appears in the script
 * @param role    e.g. host, co-host, expert, skeptic; or null
 * @param persona one sentence about the speaker; or null
 */
public record SpeakerProfile(String name, String role, String persona) {
}
