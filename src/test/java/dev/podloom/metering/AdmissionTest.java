package dev.podloom.metering;

import dev.podloom.metering.Admission.Accepted;
import dev.podloom.metering.Admission.Decision;
import dev.podloom.metering.Admission.Reason;
import dev.podloom.metering.Admission.Refused;
import dev.podloom.metering.Admission.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionTest {

    private static final UUID KEY = UUID.randomUUID();
    private static final UUID OTHER_KEY = UUID.randomUUID();

    private static Request podcast(UUID key, long cost, int limit) {
        return new Request(key, cost, true, limit);
    }

    private static Request script(UUID key, long cost) {
        return new Request(key, cost, false, 1);
    }

    @Test
    void aRequestTheBalanceCoversIsAcceptedAndLeavesTheRest() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 90, 5)), Map.of(), 100);

        assertThat(d).containsExactly(new Accepted(10));
    }

    @Test
    void aRequestCostingExactlyTheBalanceIsAccepted() {
        assertThat(Admission.decide(List.of(podcast(KEY, 100, 5)), Map.of(), 100)).containsExactly(new Accepted(0));
    }

    @Test
    void aRequestTheBalanceCannotCoverIsRefusedNamingWhatItCostsAndWhatIsLeft() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 101, 5)), Map.of(), 100);

        assertThat(d).containsExactly(new Refused(Reason.INSUFFICIENT_CREDITS, 101, 100));
    }

    @Test
    void requestsAreChargedInArrivalOrderWhileTheBalanceLasts() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 40, 9), podcast(KEY, 40, 9), podcast(KEY, 40, 9)),
                Map.of(), 100);

        assertThat(d).containsExactly(new Accepted(60), new Accepted(20),
                new Refused(Reason.INSUFFICIENT_CREDITS, 40, 20));
    }

    @Test
    void aCheaperLaterRequestStillFitsWhatAnExpensiveRefusedOneLeft() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 80, 9), podcast(KEY, 30, 9), podcast(KEY, 10, 9)),
                Map.of(), 100);

        assertThat(d).containsExactly(new Accepted(20), new Refused(Reason.INSUFFICIENT_CREDITS, 30, 20),
                new Accepted(10));
    }

    @Test
    void aKeyRunningAsManyGenerationsAsItMayIsRefusedBeforeAnyCharge() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 10, 1)), Map.of(KEY, 1), 100);

        assertThat(d).containsExactly(new Refused(Reason.CONCURRENT_GENERATIONS, 1, 100));
    }

    @Test
    void eachAcceptedGenerationTakesASlotSoTheNextOfTheSameKeyMayBeRefused() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 10, 2), podcast(KEY, 10, 2), podcast(KEY, 10, 2)),
                Map.of(KEY, 0), 100);

        assertThat(d).containsExactly(new Accepted(90), new Accepted(80),
                new Refused(Reason.CONCURRENT_GENERATIONS, 2, 80));
    }

    @Test
    void aGenerationRefusedForCreditsDoesNotHoldASlot() {
        List<Request> requests = List.of(podcast(KEY, 500, 1), podcast(KEY, 10, 1));
        List<Decision> d = Admission.decide(requests, Map.of(), 100);

        assertThat(d).containsExactly(new Refused(Reason.INSUFFICIENT_CREDITS, 500, 100), new Accepted(90));
        assertThat(Admission.slotsAfter(requests, d, Map.of())).containsEntry(KEY, 1);
    }

    @Test
    void slotsAreCountedPerKey() {
        List<Decision> d = Admission.decide(List.of(podcast(KEY, 10, 1), podcast(OTHER_KEY, 10, 1)),
                Map.of(KEY, 0, OTHER_KEY, 0), 100);

        assertThat(d).containsExactly(new Accepted(90), new Accepted(80));
    }

    @Test
    void aScriptNeedsNoSlotEvenWhenItsKeyRunsAtItsLimit() {
        List<Request> requests = List.of(script(KEY, 10));
        List<Decision> d = Admission.decide(requests, Map.of(KEY, 1), 100);

        assertThat(d).containsExactly(new Accepted(90));
        assertThat(Admission.slotsAfter(requests, d, Map.of(KEY, 1))).containsEntry(KEY, 1);
    }

    @Test
    void nothingIsDecidedForNoRequests() {
        assertThat(Admission.decide(List.of(), Map.of(), 0)).isEmpty();
    }
}
