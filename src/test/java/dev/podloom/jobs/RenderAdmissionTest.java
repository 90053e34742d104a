package dev.podloom.jobs;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class RenderAdmissionTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aNodeRunsAsManyRendersAsItsHeapHoldsBeyondTheReserve() {
        assertThat(RenderAdmission.concurrentRenders(512 * MB, 128 * MB, 160 * MB, 4)).isEqualTo(2);
        assertThat(RenderAdmission.concurrentRenders(2048 * MB, 128 * MB, 160 * MB, 16)).isEqualTo(12);
    }

    @Test
    void theJobThreadsStayTheUpperBound() {
        assertThat(RenderAdmission.concurrentRenders(8192 * MB, 128 * MB, 160 * MB, 2)).isEqualTo(2);
    }

    @Test
    void aSmallHeapStillRunsOneRenderAtATime() {
        assertThat(RenderAdmission.concurrentRenders(256 * MB, 128 * MB, 160 * MB, 2)).isEqualTo(1);
    }

    @Test
    void aRenderBeyondTheLimitWaitsUntilOneFinishes() throws Exception {
        RenderAdmission admission = new RenderAdmission(1);
        RenderAdmission.Slot first = admission.admit();
        AtomicBoolean secondAdmitted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread second = Thread.startVirtualThread(() -> {
            try (RenderAdmission.Slot slot = admission.admit()) {
                secondAdmitted.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });

        assertThat(done.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(secondAdmitted).isFalse();
        first.close();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(secondAdmitted).isTrue();
        second.join();
    }
}
