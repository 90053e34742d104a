package dev.podloom.podcasts;

import java.util.Map;
import java.util.UUID;

/**
 * Where a show's intro, outro and music bed are stored, for the render job to mix them into the show's episodes;
 * implemented by the {@code shows} feature so that podcasts do not depend on it.
 */
public interface ShowAudioSource {

    /** {@code intro}, {@code outro}, {@code bed} → object-store key (a mono WAV), for the kinds the show has set;
     * empty when it has none or the show is not the account's (any more). */
    Map<String, String> audioKeys(UUID accountId, UUID showId);
}
