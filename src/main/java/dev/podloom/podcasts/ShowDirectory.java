package dev.podloom.podcasts;

import java.util.Optional;
import java.util.UUID;

/**
 * What podcast requests need to know about shows ({@code show_id} must be one of the caller's), implemented by the
 * {@code shows} feature so that podcasts do not depend on it.
 */
public interface ShowDirectory {

    boolean owns(UUID accountId, UUID showId);

    /** The caller's show's {@code intro_text} and {@code outro_text} (either may be null); empty if not theirs. */
    Optional<HostLines> hostLines(UUID accountId, UUID showId);

    /** The caller's show's language ({@code language}, e.g. {@code fr}); empty if the show is not theirs. */
    Optional<String> language(UUID accountId, UUID showId);

    /** What the host reads at the start ({@code intro}) and end ({@code outro}) of the show's episodes. */
    record HostLines(String intro, String outro) {
    }
}
