package dev.podloom.script;

import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits paragraphs into sentences: OpenNLP's trained model for English, the JDK's locale-aware rules otherwise.
 * The model is loaded once and shared; detectors are not thread-safe, so each thread gets its own.
 */
final class SentenceSplitter {

    private static final String ENGLISH_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

    private static final class EnglishModel {
        static final SentenceModel MODEL = load();

        private static SentenceModel load() {
            try (InputStream in = SentenceSplitter.class.getResourceAsStream(ENGLISH_MODEL)) {
                if (in == null) {
                    throw new IllegalStateException("OpenNLP sentence model missing from the classpath: "
                            + ENGLISH_MODEL);
                }
                return new SentenceModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the OpenNLP sentence model", e);
            }
        }
    }

    private static final ThreadLocal<SentenceDetectorME> ENGLISH =
            ThreadLocal.withInitial(() -> new SentenceDetectorME(EnglishModel.MODEL));

    List<String> split(String paragraph, String language) {
        if (language == null || language.isBlank() || language.toLowerCase(Locale.ROOT).startsWith("en")) {
            List<String> sentences = new ArrayList<>();
            for (String sentence : ENGLISH.get().sentDetect(paragraph)) {
                if (!sentence.isBlank()) {
                    sentences.add(sentence.strip());
                }
            }
            return sentences;
        }
        return splitByRules(paragraph, Locale.forLanguageTag(language));
    }

    private static List<String> splitByRules(String paragraph, Locale locale) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(locale);
        iterator.setText(paragraph);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
