package dev.podloom.podcasts;

/**
 * Told when a podcast reaches {@code completed} or {@code failed}, inside the transaction that
 * records it: whatever the listener writes (a webhook delivery job, a published episode) commits
 * with the outcome or not at all. Listeners must be quick and must not call out over the network.
 */
public interface PodcastFinishedListener {

    void podcastFinished(Podcast podcast, PodcastSpec spec);
}
