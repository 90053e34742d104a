package dev.podloom.jobs;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Semaphore;

/**
 * Admission by memory: how many renders this node runs at once. A render streams its audio through disk, so it
 * needs a roughly constant working set whatever the episode's length ({@code podloom.jobs.render-memory-mb}, 160
 * by default, measured for 120-minute episodes); the heap, less what the service itself holds
 * ({@code podloom.jobs.reserved-memory-mb}, 128), divided by that is the limit, and
 * {@code podloom.jobs.threads} stays the upper bound. A render that finds no room waits, and its podcast keeps
 * showing {@code stage: queued}.
 */
@Singleton
public class RenderAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(RenderAdmission.class);
    private static final long MB = 1024 * 1024;

    private final Semaphore permits;
    private final int limit;

    public RenderAdmission(JobSettings settings,
                           @Value("${podloom.jobs.render-memory-mb:160}") long renderMemoryMb,
                           @Value("${podloom.jobs.reserved-memory-mb:128}") long reservedMemoryMb) {
        this(concurrentRenders(Runtime.getRuntime().maxMemory(), reservedMemoryMb * MB, renderMemoryMb * MB,
                settings.threads()));
        LOG.info("Up to {} concurrent renders ({} MB heap, {} MB per render, {} job threads)", limit,
                Runtime.getRuntime().maxMemory() / MB, renderMemoryMb, settings.threads());
    }

    /** A fixed limit, for tools and tests. */
    public RenderAdmission(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit, true);
    }

    /**
     * Renders that fit: (heap − reserve) / per-render need, at least one (a node must make progress), at most
     * {@code threads}.
     */
    public static int concurrentRenders(long maxHeapBytes, long reservedBytes, long perRenderBytes, int threads) {
        if (perRenderBytes <= 0 || maxHeapBytes == Long.MAX_VALUE) {
            return threads;
        }
        long fit = (maxHeapBytes - reservedBytes) / perRenderBytes;
        return (int) Math.max(1, Math.min(threads, fit));
    }

    public int limit() {
        return limit;
    }

    /** Waits for room for one render; close the returned slot when the render is done. */
    public Slot admit() throws InterruptedException {
        permits.acquire();
        return permits::release;
    }

    /** A render's place; closing it lets the next one in. */
    @FunctionalInterface
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
