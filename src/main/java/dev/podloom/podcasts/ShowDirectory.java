package dev.podloom.podcasts;

import java.util.UUID;

/**
 * What podcast requests need to know about shows ({@code show_id} must be one of the caller's), implemented by the
 * {@code shows} feature so that podcasts do not depend on it.
 */
public interface ShowDirectory {

    boolean owns(UUID accountId, UUID showId);
}
