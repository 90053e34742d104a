package dev.podloom.audio;

import java.util.List;

/**
 * The assembled episode as a program, not as samples: the timeline says where each turn starts, the turns
 * read their own speech when asked; everything between turns is digital silence. Mastering and encoding walk
 * it turn by turn, so the episode's length never decides how much memory they need.
 */
record EpisodeProgram(EpisodeTimeline timeline, List<TurnAudio> turns) {

    EpisodeProgram {
        turns = List.copyOf(turns);
        if (turns.size() != timeline.turnCount()) {
            throw new IllegalArgumentException(turns.size() + " turns for a timeline of " + timeline.turnCount());
        }
    }

    int totalSamples() {
        return timeline.totalSamples();
    }

    int sampleRate() {
        return timeline.sampleRate();
    }

    /** Receives the episode in order: speech of one turn at a time, or a stretch of silence. */
    interface Walker {
        void turn(int index, float[] speech);

        void silence(int samples);
    }

    /** Walks turns {@code [firstTurn, endTurn)} and the silences around them, from {@code from} to {@code to}. */
    void walk(int from, int to, int firstTurn, int endTurn, Walker walker) {
        int position = from;
        for (int i = firstTurn; i < endTurn; i++) {
            int start = timeline.turnStart(i);
            if (start > position) {
                walker.silence(start - position);
            }
            float[] speech = turns.get(i).read();
            walker.turn(i, speech);
            position = start + speech.length;
        }
        if (to > position) {
            walker.silence(to - position);
        }
    }

    /** Walks the whole episode. */
    void walk(Walker walker) {
        walk(0, totalSamples(), 0, turns.size(), walker);
    }
}
