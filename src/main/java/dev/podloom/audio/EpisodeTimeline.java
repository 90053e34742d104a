package dev.podloom.audio;

import dev.podloom.pipeline.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where each turn's speech sits in the assembled episode. The single home of the pause rules, so the planned
 * duration and the encoded audio cannot disagree.
 */
final class EpisodeTimeline {

    static final double LEAD_SECONDS = 0.5;
    static final double SAME_SPEAKER_PAUSE_SECONDS = 0.2;
    static final double SPEAKER_CHANGE_PAUSE_SECONDS = 0.35;
    static final double CHAPTER_PAUSE_SECONDS = 0.8;

    /** A chapter's span in samples; a chapter after the first starts with the pause that leads into it. */
    record Chapter(String title, int startSample, int endSample) {
    }

    private final int sampleRate;
    private final int[] turnStarts;
    private final int[] turnLengths;
    private final int totalSamples;
    private final List<Chapter> chapters;

    private EpisodeTimeline(int sampleRate, int[] turnStarts, int[] turnLengths, int totalSamples, List<Chapter> chapters) {
        this.sampleRate = sampleRate;
        this.turnStarts = turnStarts;
        this.turnLengths = turnLengths;
        this.totalSamples = totalSamples;
        this.chapters = chapters;
    }

    /**
     * @param speechLengths length in samples of each turn's trimmed speech at {@code sampleRate}
     * @param speakers      who speaks each turn
     * @param segments      chapters; {@code firstTurn} strictly increasing and within the turns
     */
    static EpisodeTimeline of(int[] speechLengths, List<String> speakers, List<Segment> segments, int sampleRate) {
        return of(speechLengths, speakers, segments, sampleRate, 1.0);
    }

    /**
     * The same with every pause between turns scaled by {@code pauseScale} (the lead-in and lead-out stay): the
     * renderer's last step toward the requested length ({@link EpisodeMetadata#pauseScale()}).
     */
    static EpisodeTimeline of(int[] speechLengths, List<String> speakers, List<Segment> segments, int sampleRate,
                              double pauseScale) {
        if (!(pauseScale >= 0) || pauseScale > 4) {
            throw new IllegalArgumentException("pause scale " + pauseScale + " is outside 0–4");
        }
        int turns = speechLengths.length;
        boolean[] chapterStarts = new boolean[turns];
        int previousFirst = -1;
        for (Segment segment : segments) {
            if (segment.firstTurn() <= previousFirst || segment.firstTurn() >= turns) {
                throw new IllegalArgumentException("Segment '" + segment.title() + "' starts at turn "
                        + segment.firstTurn() + ": segments must start at increasing turns below " + turns);
            }
            chapterStarts[segment.firstTurn()] = true;
            previousFirst = segment.firstTurn();
        }
        int[] starts = new int[turns];
        long position = samples(LEAD_SECONDS, sampleRate);
        for (int i = 0; i < turns; i++) {
            if (i > 0) {
                double pause = chapterStarts[i] ? CHAPTER_PAUSE_SECONDS
                        : Objects.equals(speakers.get(i), speakers.get(i - 1)) ? SAME_SPEAKER_PAUSE_SECONDS
                        : SPEAKER_CHANGE_PAUSE_SECONDS;
                position += samples(pause * pauseScale, sampleRate);
            }
            starts[i] = Math.toIntExact(position);
            position += speechLengths[i];
        }
        int total = Math.toIntExact(position + samples(LEAD_SECONDS, sampleRate));

        List<Chapter> chapters = new ArrayList<>(segments.size());
        for (int c = 0; c < segments.size(); c++) {
            int first = segments.get(c).firstTurn();
            int start = first == 0 ? 0 : starts[first - 1] + speechLengths[first - 1];
            int end = c + 1 < segments.size()
                    ? starts[segments.get(c + 1).firstTurn() - 1] + speechLengths[segments.get(c + 1).firstTurn() - 1]
                    : total;
            chapters.add(new Chapter(segments.get(c).title(), start, end));
        }
        return new EpisodeTimeline(sampleRate, starts, speechLengths.clone(), total, List.copyOf(chapters));
    }

    /**
     * The same episode with {@code lead} samples before it and {@code tail} after it (a show's intro and outro):
     * every turn moves by {@code lead}; the first chapter still starts at 0 and the last one ends at the new end,
     * so the chapters keep covering the whole file.
     */
    EpisodeTimeline framed(int lead, int tail) {
        if (lead == 0 && tail == 0) {
            return this;
        }
        int[] starts = turnStarts.clone();
        for (int i = 0; i < starts.length; i++) {
            starts[i] += lead;
        }
        int total = Math.addExact(Math.addExact(totalSamples, lead), tail);
        List<Chapter> moved = new ArrayList<>(chapters.size());
        for (int c = 0; c < chapters.size(); c++) {
            Chapter chapter = chapters.get(c);
            int start = c == 0 ? 0 : chapter.startSample() + lead;
            int end = c == chapters.size() - 1 ? total : chapter.endSample() + lead;
            moved.add(new Chapter(chapter.title(), start, end));
        }
        return new EpisodeTimeline(sampleRate, starts, turnLengths, total, List.copyOf(moved));
    }

    private static int samples(double seconds, int sampleRate) {
        return (int) Math.round(seconds * sampleRate);
    }

    int sampleRate() {
        return sampleRate;
    }

    int turnCount() {
        return turnStarts.length;
    }

    int turnStart(int turn) {
        return turnStarts[turn];
    }

    int turnLength(int turn) {
        return turnLengths[turn];
    }

    int totalSamples() {
        return totalSamples;
    }

    double durationSeconds() {
        return (double) totalSamples / sampleRate;
    }

    List<Chapter> chapters() {
        return chapters;
    }

    /** Milliseconds from the start of the episode, rounded. */
    long millis(int sample) {
        return Math.round(sample * 1000.0 / sampleRate);
    }
}
