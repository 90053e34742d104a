package dev.podloom.podcasts;

import dev.podloom.pipeline.PodcastRenderer;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Builds the render pipeline off the startup path, {@link #DELAY} after the server is up: the first requests (a
 * load balancer's or orchestrator's readiness probe) are answered first instead of sharing the CPU with the
 * pipeline's models and voices. A render that starts before then builds the pipeline itself (the same singleton,
 * built once). A pipeline that cannot be built (e.g. a
 * misconfigured language model) is reported here, and each render then fails the same way. A bean of its own, not
 * a listener method on {@link RenderPodcastJob}: delivering the event must not build the job (and the data access
 * behind it) on the main thread while the job scheduler builds the same beans beside it.
 */
@Singleton
final class RenderPipelineSetup {

    private static final Logger LOG = LoggerFactory.getLogger(RenderPipelineSetup.class);

    static final Duration DELAY = Duration.ofSeconds(2);

    private final BeanProvider<PodcastRenderer> renderer;

    RenderPipelineSetup(BeanProvider<PodcastRenderer> renderer) {
        this.renderer = renderer;
    }

    @EventListener
    void prepareRenderer(ServerStartupEvent event) {
        Thread.ofVirtual().name("render-pipeline-setup").start(() -> {
            try {
                Thread.sleep(DELAY);
            } catch (InterruptedException e) {
                return;
            }
            long began = System.nanoTime();
            try {
                renderer.get();
                LOG.debug("Render pipeline ready in {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
            } catch (RuntimeException e) {
                if (event.getSource().getApplicationContext().isRunning()) {
                    LOG.error("The render pipeline cannot be built; renders fail until the configuration is fixed",
                            e);
                } // else: the service stopped right after it started (tests); nothing to report
            }
        });
    }
}
