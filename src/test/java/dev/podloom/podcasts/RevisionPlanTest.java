package dev.podloom.podcasts;

import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionPlanTest {

    static final List<Turn> SCRIPT = List.of(
            new Turn("Alex", "Welcome to the show."),
            new Turn("Sam", "Thanks for having me."),
            new Turn("Alex", "Today we talk about piers."),
            new Turn("Sam", "Goodbye."));
    static final List<Segment> CHAPTERS = List.of(new Segment("Intro", 0), new Segment("Piers", 2));

    @Test
    void anEditReplacesItsTurnsTextAndOnlyThatTurnIsReSpoken() {
        var plan = RevisionPlan.withEdits(SCRIPT, CHAPTERS, List.of(new RevisionPlan.Edit(2, "  Today we talk about old piers and new boats. ")));

        assertThat(plan.turns().get(2)).isEqualTo(new Turn("Alex", "Today we talk about old piers and new boats."));
        assertThat(plan.turns()).hasSize(4).element(3).isEqualTo(SCRIPT.get(3));
        assertThat(plan.changedTurns()).containsExactly(2);
        assertThat(plan.respokenWords()).isEqualTo(9);
        assertThat(plan.respokenMinutes()).isEqualByComparingTo("0.1");
        assertThat(plan.chapters()).isEqualTo(CHAPTERS);
    }

    @Test
    void anEditThatKeepsTheTextChangesNothing() {
        var plan = RevisionPlan.withEdits(SCRIPT, CHAPTERS, List.of(new RevisionPlan.Edit(1, "Thanks for having me.")));

        assertThat(plan.changesNothing()).isTrue();
        assertThat(plan.respokenMinutes()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aWholeDialogueReSpeaksOnlyTurnsThePodcastNeverSpokeWhereverTheyMoved() {
        var dialogue = List.of(
                new Turn("Alex", "Today we talk about piers."),
                new Turn("Alex", "Welcome to the show."),
                new Turn("Sam", "Welcome to the show."),
                new Turn("Sam", "A new line."));

        var plan = RevisionPlan.withDialogue(SCRIPT, CHAPTERS, dialogue);

        assertThat(plan.changedTurns()).as("the same words by another speaker are another voice").containsExactly(2, 3);
        assertThat(plan.respokenWords()).isEqualTo(7);
    }

    @Test
    void aShorterDialogueKeepsOnlyTheChaptersWhoseFirstTurnRemains() {
        var plan = RevisionPlan.withDialogue(SCRIPT, CHAPTERS, List.of(new Turn("Alex", "Hello."), new Turn("Sam", "Bye.")));

        assertThat(plan.chapters()).containsExactly(new Segment("Intro", 0));
    }

    @Test
    void reSpokenMinutesAreWordsAt150AMinuteRoundedUpToATenth() {
        assertThat(RevisionPlan.respokenMinutes(0)).isEqualByComparingTo("0");
        assertThat(RevisionPlan.respokenMinutes(1)).isEqualByComparingTo("0.1");
        assertThat(RevisionPlan.respokenMinutes(150)).isEqualByComparingTo("1.0");
        assertThat(RevisionPlan.respokenMinutes(151)).isEqualByComparingTo("1.1");
        assertThat(RevisionPlan.respokenMinutes(600)).isEqualByComparingTo("4.0");
    }
}
