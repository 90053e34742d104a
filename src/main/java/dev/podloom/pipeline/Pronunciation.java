package dev.podloom.pipeline;

/**
 * How to say one term: as a respelling ({@code sayAs}, e.g. "pod loom") or as IPA ({@code ipa}, e.g.
 * "ˈsiːkwəl"); exactly one of the two is set.
 */
public record Pronunciation(String term, String sayAs, String ipa) {
}
