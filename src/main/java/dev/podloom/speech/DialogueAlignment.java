package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.DialogueSynthesizer.LineTiming;
import dev.podloom.pipeline.DialogueSynthesizer.SpokenDialogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where each line of a dialogue lies in audio that holds them all, and cuts the audio there.
 *
 * <p>Without provider timestamps the turns are found on the silences between them: every pause of at least
 * {@value #MIN_GAP_SECONDS} s inside the speech is a candidate, and the {@code N-1} boundaries are the ordered
 * choice of candidates that best gives each line a length in proportion to its letters (a line's length against
 * its share of the speech, on a log scale, so a slower voice does not pull every later boundary off), with a
 * bonus for longer pauses (a change of speaker usually pauses longer than a sentence end). Dynamic programming
 * over candidates keeps it exact: O(lines × candidates²).
 */
public final class DialogueAlignment {

    static final double FRAME_SECONDS = 0.01;
    static final double MIN_GAP_SECONDS = 0.06;
    /** A frame quieter than this relative to the loudest frame is a pause (−35 dB). */
    static final double SILENCE_RELATIVE = Math.pow(10, -35 / 20.0);
    /** Tolerance of a line's length against its letters' share, as a log ratio (about ±30 %). */
    static final double LENGTH_TOLERANCE = 0.3;
    static final double GAP_WEIGHT = 1.0;

    private DialogueAlignment() {
    }

    /** A pause in the audio, in frames {@code [from, to)}. */
    record Gap(int from, int to) {
        int length() {
            return to - from;
        }
    }

    /**
     * Timings for lines of {@code letters[i]} letters each, spoken one after another in {@code audio}.
     * One line gets the whole speech; lines that cannot be told apart (too few pauses) are split in proportion.
     */
    public static List<LineTiming> onSilences(AudioClip audio, int[] letters) {
        int n = letters.length;
        double[] energy = frameRms(audio);
        int frames = energy.length;
        double duration = audio.durationSeconds();
        if (n == 0) {
            return List.of();
        }
        double peak = Arrays.stream(energy).max().orElse(0);
        double threshold = Math.max(peak * SILENCE_RELATIVE, 1e-5);
        int first = 0;
        while (first < frames && energy[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (last > first && energy[last] < threshold) {
            last--;
        }
        if (first >= frames) {
            return proportional(0, duration, letters);
        }
        int speechFrom = first;
        int speechTo = last + 1;
        if (n == 1) {
            return List.of(timing(speechFrom, speechTo, duration));
        }
        List<Gap> gaps = gaps(energy, threshold, speechFrom, speechTo);
        if (gaps.size() < n - 1) {
            return proportional(speechFrom * FRAME_SECONDS, Math.min(duration, speechTo * FRAME_SECONDS), letters);
        }
        int[] chosen = choose(gaps, letters, speechFrom, speechTo);
        List<LineTiming> out = new ArrayList<>(n);
        int start = speechFrom;
        for (int k = 0; k < n; k++) {
            int end = k < n - 1 ? gaps.get(chosen[k]).from() : speechTo;
            out.add(timing(start, end, duration));
            if (k < n - 1) {
                start = gaps.get(chosen[k]).to();
            }
        }
        return out;
    }

    /** The ordered gaps (indices into {@code gaps}) that best split the speech into the lines. */
    private static int[] choose(List<Gap> gaps, int[] letters, int speechFrom, int speechTo) {
        int n = letters.length;
        int m = gaps.size();
        double totalLetters = Math.max(1, Arrays.stream(letters).mapToDouble(l -> Math.max(1, l)).sum());
        // Speech time without the pauses that will be chosen: the n-1 longest pauses estimate them.
        int[] lengths = gaps.stream().mapToInt(Gap::length).sorted().toArray();
        double pauses = 0;
        for (int i = 0; i < n - 1; i++) {
            pauses += lengths[m - 1 - i];
        }
        double framesPerLetter = Math.max(1e-6, (speechTo - speechFrom - pauses) / totalLetters);
        double minGap = MIN_GAP_SECONDS / FRAME_SECONDS;
        // cost[k][j]: best cost with boundary k (0-based, between line k and k+1) at gap j.
        double[][] cost = new double[n - 1][m];
        int[][] from = new int[n - 1][m];
        for (double[] row : cost) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int j = 0; j < m; j++) {
            cost[0][j] = lineCost(speechFrom, gaps.get(j).from(), letters[0], framesPerLetter)
                    - gapBonus(gaps.get(j), minGap);
        }
        for (int k = 1; k < n - 1; k++) {
            for (int j = k; j < m; j++) {
                double bonus = gapBonus(gaps.get(j), minGap);
                for (int i = k - 1; i < j; i++) {
                    if (cost[k - 1][i] == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    double c = cost[k - 1][i] + lineCost(gaps.get(i).to(), gaps.get(j).from(), letters[k], framesPerLetter)
                            - bonus;
                    if (c < cost[k][j]) {
                        cost[k][j] = c;
                        from[k][j] = i;
                    }
                }
            }
        }
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int j = n - 2; j < m; j++) {
            double c = cost[n - 2][j] + lineCost(gaps.get(j).to(), speechTo, letters[n - 1], framesPerLetter);
            if (c < bestCost) {
                bestCost = c;
                best = j;
            }
        }
        int[] chosen = new int[n - 1];
        for (int k = n - 2; k >= 0; k--) {
            chosen[k] = best;
            best = from[k][best];
        }
        return chosen;
    }

    private static double lineCost(int fromFrame, int toFrame, int letters, double framesPerLetter) {
        double actual = Math.max(1, toFrame - fromFrame);
        double expected = Math.max(1, Math.max(1, letters) * framesPerLetter);
        double r = Math.log(actual / expected) / LENGTH_TOLERANCE;
        return r * r;
    }

    private static double gapBonus(Gap gap, double minGap) {
        return GAP_WEIGHT * Math.log(gap.length() / minGap);
    }

    private static List<Gap> gaps(double[] energy, double threshold, int speechFrom, int speechTo) {
        int minFrames = (int) Math.ceil(MIN_GAP_SECONDS / FRAME_SECONDS);
        List<Gap> gaps = new ArrayList<>();
        int i = speechFrom;
        while (i < speechTo) {
            if (energy[i] < threshold) {
                int j = i;
                while (j < speechTo && energy[j] < threshold) {
                    j++;
                }
                if (j - i >= minFrames && j < speechTo) {
                    gaps.add(new Gap(i, j));
                }
                i = j;
            } else {
                i++;
            }
        }
        return gaps;
    }

    private static double[] frameRms(AudioClip audio) {
        int size = Math.max(1, (int) Math.round(audio.sampleRate() * FRAME_SECONDS));
        float[] s = audio.samples();
        int frames = (s.length + size - 1) / size;
        double[] out = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int end = Math.min(s.length, (f + 1) * size);
            for (int i = f * size; i < end; i++) {
                sum += s[i] * s[i];
            }
            out[f] = Math.sqrt(sum / Math.max(1, end - f * size));
        }
        return out;
    }

    private static LineTiming timing(int fromFrame, int toFrame, double duration) {
        double start = Math.min(duration, fromFrame * FRAME_SECONDS);
        return new LineTiming(start, Math.max(start, Math.min(duration, toFrame * FRAME_SECONDS)));
    }

    /** Lines laid over {@code [from, to)} in proportion to their letters. */
    static List<LineTiming> proportional(double from, double to, int[] letters) {
        double total = Math.max(1, Arrays.stream(letters).mapToDouble(l -> Math.max(1, l)).sum());
        List<LineTiming> out = new ArrayList<>();
        double at = from;
        for (int l : letters) {
            double end = Math.min(to, at + (to - from) * Math.max(1, l) / total);
            out.add(new LineTiming(at, Math.max(at, end)));
            at = end;
        }
        return out;
    }

    /**
     * One line spoken in several calls (a line longer than a call takes), joined: the audio end to end, the line
     * from where the first part's speech starts to where the last part's ends, the billed characters summed.
     */
    public static SpokenDialogue joinOneLine(String engine, List<SpokenDialogue> parts) {
        AudioClip audio = ProviderAudio.concat(engine, parts.stream().map(SpokenDialogue::audio).toList());
        SpokenDialogue last = parts.getLast();
        double tail = last.audio().durationSeconds() - last.lines().getLast().endSeconds();
        double start = parts.getFirst().lines().getFirst().startSeconds();
        double end = Math.max(start, audio.durationSeconds() - tail);
        return new SpokenDialogue(audio, List.of(new LineTiming(start, end)),
                parts.stream().mapToLong(SpokenDialogue::billedCharacters).sum());
    }

    /**
     * The dialogue's audio cut into one clip per line: each cut in the middle of the pause between two lines,
     * so nothing of a line's speech is lost (the assembler trims the silence at every clip's edges).
     */
    public static List<AudioClip> cut(SpokenDialogue dialogue) {
        AudioClip audio = dialogue.audio();
        List<LineTiming> lines = dialogue.lines();
        int rate = audio.sampleRate();
        int total = audio.samples().length;
        List<AudioClip> clips = new ArrayList<>(lines.size());
        int start = 0;
        for (int k = 0; k < lines.size(); k++) {
            int end = k == lines.size() - 1 ? total
                    : (int) Math.round((lines.get(k).endSeconds() + lines.get(k + 1).startSeconds()) / 2 * rate);
            end = Math.clamp(end, start, total);
            clips.add(new AudioClip(Arrays.copyOfRange(audio.samples(), start, end), rate));
            start = end;
        }
        return clips;
    }
}
