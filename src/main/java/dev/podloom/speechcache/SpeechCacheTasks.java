package dev.podloom.speechcache;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The hourly removal of cached speech unused for longer than its maximum age (and over the size bound). */
@Factory
final class SpeechCacheTasks {

    static final TaskDescriptor<Void> EVICT_SPEECH_CACHE = TaskDescriptor.of("evict-speech-cache");

    @Singleton
    @Named("evict-speech-cache")
    Task<Void> evictSpeechCache(SynthesisCache cache) {
        return Tasks.recurring(EVICT_SPEECH_CACHE, FixedDelay.ofHours(1))
                .execute((instance, context) -> cache.evictExpired());
    }
}
