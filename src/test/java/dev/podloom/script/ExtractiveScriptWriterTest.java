package dev.podloom.script;

import dev.podloom.fetch.ContentExtractor;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceDocument.Section;
import dev.podloom.pipeline.Turn;
import dev.podloom.script.Draft.DraftTurn;
import dev.podloom.script.Draft.Line;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtractiveScriptWriterTest {

    private static final List<String> SPEAKERS = List.of("Ada", "Ben");
    private static SourceDocument article;
    private static List<Pattern> templatePatterns;

    private final ExtractiveScriptWriter writer = new ExtractiveScriptWriter();

    @BeforeAll
    static void loadArticle() throws IOException {
        try (InputStream in = ExtractiveScriptWriterTest.class.getResourceAsStream("/fixtures/article-2000-words.html")) {
            article = new ContentExtractor().extract("https://example.com/bicycle", "text/html", in.readAllBytes());
        }
        templatePatterns = Phrases.allTemplates().stream()
                .map(t -> Pattern.compile(Arrays.stream(t.split("\\{title}|\\{heading}|\\{term}", -1))
                        .map(Pattern::quote).collect(Collectors.joining(".+"))))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(PodcastStyle.class)
    void everyContentLineIsASentenceFromTheSourcesAndEveryOtherLineIsAFramingTemplate(PodcastStyle style) {
        Draft draft = writer.draft(request(style, 750));
        Script script = writer.write(request(style, 750));
        String source = article.plainText().replaceAll("\\s+", " ");

        assertThat(draft.turns()).hasSameSizeAs(script.turns());
        for (int i = 0; i < draft.turns().size(); i++) {
            DraftTurn turn = draft.turns().get(i);
            assertThat(turn.toTurn()).isEqualTo(script.turns().get(i));
            for (Line line : turn.lines()) {
                if (line.content()) {
                    assertThat(source).contains(line.text());
                    assertThat(line.text()).matches(".*[.!?]['\"”’)]*");
                } else {
                    assertThat(templatePatterns).as("framing line '%s'", line.text())
                            .anyMatch(p -> p.matcher(line.text()).matches());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PodcastStyle.class, names = "LECTURE", mode = EnumSource.Mode.EXCLUDE)
    void twoVoiceStylesAlternateSpeakersOnEveryTurnStartingAndEndingWithTheHost(PodcastStyle style) {
        Script script = writer.write(request(style, 1000));

        assertThat(script.speakers()).containsExactly("Ada", "Ben");
        List<Turn> turns = script.turns();
        for (int i = 1; i < turns.size(); i++) {
            assertThat(turns.get(i).speaker()).as("turn %d", i).isNotEqualTo(turns.get(i - 1).speaker());
        }
        if (style != PodcastStyle.NEWS_BRIEF) {
            assertThat(turns.getLast().speaker()).isEqualTo("Ada");
        }
    }

    @Test
    void lectureIsNarratedByTheHostAlone() {
        Script script = writer.write(request(PodcastStyle.LECTURE, 800));

        assertThat(script.speakers()).containsExactly("Ada");
    }

    @Test
    void missingSpeakerNamesAreFilledWithDefaults() {
        ScriptRequest request = new ScriptRequest(List.of(article), "interview", 400, null, null, "en", List.of("Ada"));

        assertThat(writer.write(request).speakers()).containsExactly("Ada", "Guest");
    }

    static Stream<Arguments> budgets() {
        return Arrays.stream(PodcastStyle.values())
                .flatMap(style -> Stream.of(150, 750, 1500).map(words -> Arguments.of(style, words)));
    }

    @ParameterizedTest(name = "{0} at {1} words")
    @MethodSource("budgets")
    void wordCountLandsWithinFivePercentOfTheBudget(PodcastStyle style, int budget) {
        Script script = writer.write(request(style, budget));

        assertThat(script.wordCount()).isBetween((int) Math.ceil(budget * 0.95), (int) Math.floor(budget * 1.05));
        assertThat(script.sourcesExhausted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(PodcastStyle.class)
    void largerBudgetsNeverGiveShorterScripts(PodcastStyle style) {
        int previous = 0;
        for (int budget = 100; budget <= 2000; budget += 100) {
            int words = writer.write(request(style, budget)).wordCount();
            assertThat(words).as("budget %d", budget).isGreaterThanOrEqualTo(previous);
            previous = words;
        }
    }

    @Test
    void aShortSourceWithALargeBudgetUsesEverythingOnceAndIsFlaggedAsExhausted() {
        SourceDocument shortSource = new SourceDocument("text_content", "Saddle Height", List.of(new Section(null, List.of(
                "Set your saddle so that your leg is almost straight at the bottom of the pedal stroke. "
                        + "A saddle that is too low strains the knees. A saddle that is too high makes the hips rock "
                        + "from side to side."))));
        ScriptRequest request = new ScriptRequest(List.of(shortSource), "deep_dive", 3000, null, null, "en", SPEAKERS);

        Script script = writer.write(request);
        Draft draft = writer.draft(request);

        assertThat(script.sourcesExhausted()).isTrue();
        assertThat(script.wordCount()).isLessThan(300);
        assertThat(contentLines(draft)).containsExactlyInAnyOrder(
                "Set your saddle so that your leg is almost straight at the bottom of the pedal stroke.",
                "A saddle that is too low strains the knees.",
                "A saddle that is too high makes the hips rock from side to side.");
    }

    @Test
    void aVeryLongSourceIsStillScriptedWithinTheBudget() {
        String[] subjects = {"The river", "A new bridge", "The council", "Local riders", "The old mill", "A survey"};
        String[] verbs = {"changed", "shaped", "slowed", "improved", "divided", "connected"};
        String[] objects = {"the town centre", "morning traffic", "the weekend market", "the school run",
                "the harbour road", "the northern estates"};
        List<String> paragraphs = new ArrayList<>();
        for (int p = 0; p < 500; p++) {
            StringBuilder paragraph = new StringBuilder();
            for (int s = 0; s < 5; s++) {
                int n = p * 5 + s;
                paragraph.append(subjects[n % 6]).append(' ').append(verbs[(n / 6) % 6]).append(' ')
                        .append(objects[(n / 36) % 6]).append(" in year ").append(1000 + n).append(". ");
            }
            paragraphs.add(paragraph.toString());
        }
        SourceDocument longSource = new SourceDocument("long.txt", "A Long Chronicle",
                List.of(new Section(null, paragraphs)));

        Script script = writer.write(new ScriptRequest(List.of(longSource), "deep_dive", 1000, null, null, "en",
                SPEAKERS));

        assertThat(script.wordCount()).isBetween(950, 1050);
    }

    @ParameterizedTest
    @EnumSource(PodcastStyle.class)
    void aSourceSentenceIsSpokenOnceWrapUpIncluded(PodcastStyle style) {
        Draft draft = writer.draft(request(style, 1500));

        assertThat(contentLines(draft)).isNotEmpty().doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(value = PodcastStyle.class, names = "LECTURE", mode = EnumSource.Mode.EXCLUDE)
    void theSecondHostCarriesAtLeastThirtyPercentOfTheWords(PodcastStyle style) {
        for (int budget : new int[]{300, 750, 1500}) {
            Script script = writer.write(request(style, budget));
            long second = script.turns().stream().filter(t -> t.speaker().equals("Ben"))
                    .mapToLong(t -> t.text().split("\\s+").length).sum();
            assertThat((double) second / script.wordCount()).as("%s at %d words", style, budget)
                    .isGreaterThanOrEqualTo(0.30);
        }
    }

    @ParameterizedTest
    @EnumSource(PodcastStyle.class)
    void noLineIsSaidTwiceWithinFiveMinutesOfPredictedTime(PodcastStyle style) {
        Draft draft = writer.draft(request(style, 3000));
        double wordsPerSecond = DialogueComposer.PREDICTED_WORDS_PER_SECOND;
        java.util.Map<String, Integer> lastAt = new java.util.HashMap<>();
        int words = 0;
        for (DraftTurn turn : draft.turns()) {
            for (Line line : turn.lines()) {
                Integer previous = lastAt.put(line.text(), words);
                if (previous != null) {
                    assertThat((words - previous) / wordsPerSecond).as("'%s' said again", line.text())
                            .isGreaterThanOrEqualTo(DialogueComposer.REPEAT_WINDOW_SECONDS);
                }
                words += line.text().split("\\s+").length;
            }
        }
    }

    @Test
    void questionsNameAKeyTermOfTheSentencesThatAnswerThem() {
        Draft draft = writer.draft(request(PodcastStyle.DEEP_DIVE, 1500));
        List<DraftTurn> turns = draft.turns();
        int questions = 0;
        for (int i = 0; i + 1 < turns.size(); i++) {
            DraftTurn turn = turns.get(i);
            if (turn.lines().size() == 1 && !turn.lines().getFirst().content()
                    && turn.lines().getFirst().text().endsWith("?") && hasContent(turns.get(i + 1))) {
                String question = turn.lines().getFirst().text();
                String answer = String.join(" ", turns.get(i + 1).lines().stream().map(Line::text).toList());
                java.util.regex.Matcher term = java.util.regex.Pattern
                        .compile("(?:about|does|with) (.+?)(?: come in| fit in| fit into the picture)?[?.]$").matcher(question);
                assertThat(term.find()).as(question).isTrue();
                assertThat(answer.toLowerCase()).as(question).contains(term.group(1).toLowerCase());
                questions++;
            }
        }
        assertThat(questions).isGreaterThanOrEqualTo(3);
    }

    @Test
    void questionsAreNotAFixedList() {
        Draft draft = writer.draft(request(PodcastStyle.DEEP_DIVE, 1500));
        List<String> questions = draft.turns().stream().flatMap(t -> t.lines().stream())
                .filter(l -> !l.content() && l.text().endsWith("?")).map(Line::text).toList();

        assertThat(questions).doesNotContain("Why does that matter?", "Where do we begin?",
                "Can we dig into that a bit more?");
        assertThat(new HashSet<>(questions)).hasSameSizeAs(questions);
    }

    @Test
    void theWrapUpNamesTheSectionsCoveredInsteadOfRepeatingSentences() {
        Draft draft = writer.draft(request(PodcastStyle.DEEP_DIVE, 1500));
        int wrapUp = draft.segments().getLast().firstTurn();
        List<Line> wrapUpLines = draft.turns().subList(wrapUp, draft.turns().size()).stream()
                .flatMap(t -> t.lines().stream()).toList();

        assertThat(wrapUpLines).noneMatch(Line::content);
        List<String> headings = article.sections().stream().map(SourceDocument.Section::heading)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(wrapUpLines.getFirst().text()).satisfies(text ->
                assertThat(headings.stream().filter(text::contains).count()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void theTitleLosesTheSiteNameSuffix() {
        SourceDocument page = new SourceDocument("https://example.com/oop",
                "Characteristics of Object-Oriented Languages - The Rust Programming Language",
                List.of(new SourceDocument.Section(null, List.of(
                        "Objects contain both data and the procedures that operate on that data. "
                                + "Encapsulation hides the details of an object from the code that uses it. "
                                + "Inheritance lets a type reuse the definition of another type."))));

        Script script = writer.write(new ScriptRequest(List.of(page), "deep_dive", 200, null, null, "en", SPEAKERS));

        assertThat(script.title()).isEqualTo("Characteristics of Object-Oriented Languages");
        assertThat(script.turns().getFirst().text()).doesNotContain("The Rust Programming Language");
    }

    @Test
    void linesOfCodeInAParagraphAreNotReadOut() {
        SourceDocument page = new SourceDocument("https://example.com/code", "Moving values",
                List.of(new SourceDocument.Section(null, List.of(
                        "Assigning a heap value to a new variable moves it to the new owner.",
                        "let moved = greeting; println!(\"{}\", greeting);",
                        "fn length(text: &String) -> usize { text.len() }",
                        "After the move the old variable can no longer be used by the program."))));

        Script script = writer.write(new ScriptRequest(List.of(page), "deep_dive", 200, null, null, "en", SPEAKERS));

        String spoken = String.join(" ", script.turns().stream().map(Turn::text).toList());
        assertThat(spoken).contains("moves it to the new owner", "can no longer be used")
                .doesNotContain("println", "usize", "let moved");
    }

    @Test
    void sentencesDenseInInlineCodeRankBelowProseAndShortOnesBelowLongOnes() {
        assertThat(sayable("Every value has exactly one owner at a time, and the owner drops it.")).isEqualTo(1.0);
        assertThat(sayable("Research & development at McDonald's is where R&D happens every day.")).isEqualTo(1.0);
        double longMention = sayable("A reference, written &T, lets a function read a value without taking it.");
        double shortMention = sayable("A Vec<T> owns every element it holds.");
        double twoIdentifiers = sayable("The helper might be named update_average, after the snake_case rule.");
        assertThat(longMention).isLessThan(1.0).isGreaterThan(shortMention);
        assertThat(twoIdentifiers).isLessThan(longMention);
        assertThat(sayable("Call clone() on a::b or &mut T in AveragedCollection.")).isEqualTo(0.25);
    }

    @Test
    void aProseSentenceIsSpokenBeforeAnEquallyCentralOneBuiltAroundInlineCodeThatLeadsTheSection() {
        SourceDocument page = new SourceDocument("https://example.com/borrowing", "Borrowing",
                List.of(new SourceDocument.Section(null, List.of(
                        "A &T value stays with its owner while a function reads the borrowed value.",
                        "A borrowed value stays with its owner while a function reads the borrowed value.",
                        "Owners drop their values at the end of the scope that holds them."))));

        Draft draft = writer.draft(new ScriptRequest(List.of(page), "deep_dive", 45, null, null, "en", SPEAKERS));

        List<String> lines = contentLines(draft);
        assertThat(lines).contains("A borrowed value stays with its owner while a function reads the borrowed value.");
        assertThat(lines).doesNotContain("A &T value stays with its owner while a function reads the borrowed value.");
    }

    private static double sayable(String sentence) {
        return SourceAnalysis.sayable(new SourceAnalysis.Sentence(sentence, sentence.split("\\s+").length, 0));
    }

    @Test
    void customFocusPullsSentencesAboutTheFocusIntoTheSelection() {
        ScriptRequest plain = request(PodcastStyle.DEEP_DIVE, 250);
        ScriptRequest focused = new ScriptRequest(List.of(article), "deep_dive", 250, "derailleur gears", null, "en",
                SPEAKERS);

        assertThat(contentLines(writer.draft(plain))).noneMatch(line -> line.contains("derailleur"));
        assertThat(contentLines(writer.draft(focused))).anyMatch(line -> line.contains("derailleur"));
    }

    @Test
    void sourceWeightsFavourTheHeavierSource() {
        SourceDocument first = new SourceDocument("https://a.example/", "Bicycle", article.sections().subList(0, 6));
        SourceDocument second = new SourceDocument("https://b.example/", "Bicycle, part two",
                article.sections().subList(6, 12));
        Set<String> secondText = new HashSet<>(second.sections().stream().flatMap(s -> s.paragraphs().stream()).toList());

        long fromSecondUnweighted = fromSource(writer.draft(new ScriptRequest(List.of(first, second), "deep_dive", 400,
                null, null, "en", SPEAKERS)), secondText);
        long fromSecondWeighted = fromSource(writer.draft(new ScriptRequest(List.of(first, second), "deep_dive", 400,
                null, Map.of("https://b.example/", 3.0), "en", SPEAKERS)), secondText);

        assertThat(fromSecondWeighted).isGreaterThan(fromSecondUnweighted);
    }

    @ParameterizedTest
    @EnumSource(PodcastStyle.class)
    void theSameRequestGivesTheSameScript(PodcastStyle style) {
        assertThat(new ExtractiveScriptWriter().write(request(style, 600)))
                .isEqualTo(new ExtractiveScriptWriter().write(request(style, 600)));
    }

    @Test
    void segmentsFollowTheSourceSectionsBetweenAnIntroductionAndAWrapUp() {
        Script script = writer.write(request(PodcastStyle.DEEP_DIVE, 1500));

        List<String> titles = script.segments().stream().map(Segment::title).toList();
        assertThat(titles.getFirst()).isEqualTo("Introduction");
        assertThat(titles.getLast()).isEqualTo("Wrap-up");
        assertThat(titles).contains("The Running Machine", "The Safety Bicycle", "The Bicycle Today");
        assertThat(script.segments()).extracting(Segment::firstTurn).isSorted().doesNotHaveDuplicates();
        assertThat(script.title()).isEqualTo("A Short History of the Bicycle");
        assertThat(script.style()).isEqualTo("deep_dive");
        assertThat(script.turns().getFirst().text()).contains("A Short History of the Bicycle");
    }

    @Test
    void eachStyleHasItsOwnShape() {
        Map<PodcastStyle, Draft> drafts = Arrays.stream(PodcastStyle.values())
                .collect(Collectors.toMap(s -> s, s -> writer.draft(request(s, 1200))));

        // Interview: the host only asks, the guest only answers from the sources.
        // (The wrap-up's takeaway names the sections covered: framing, since no sentence is spoken twice.)
        List<DraftTurn> interview = drafts.get(PodcastStyle.INTERVIEW).turns();
        int interviewWrapUp = drafts.get(PodcastStyle.INTERVIEW).segments().getLast().firstTurn();
        assertThat(interview.stream().filter(t -> t.speaker().equals("Ada")))
                .allMatch(t -> t.lines().stream().noneMatch(Line::content));
        assertThat(interview.subList(2, interviewWrapUp).stream().filter(t -> t.speaker().equals("Ben")))
                .allMatch(t -> t.lines().stream().allMatch(Line::content));
        // Debate: every turn that carries content opens with a point or counterpoint.
        assertThat(drafts.get(PodcastStyle.DEBATE).turns().stream().filter(ExtractiveScriptWriterTest::hasContent))
                .allMatch(t -> !t.lines().getFirst().content());
        // Conversational trades single sentences; a deep dive carries longer runs.
        assertThat(meanSentencesPerContentTurn(drafts.get(PodcastStyle.CONVERSATIONAL))).isLessThanOrEqualTo(1.3);
        assertThat(meanSentencesPerContentTurn(drafts.get(PodcastStyle.DEEP_DIVE))).isGreaterThan(2.0);
        // A news brief spends fewer words on framing than a deep dive.
        assertThat(framingShare(drafts.get(PodcastStyle.NEWS_BRIEF)))
                .isLessThan(framingShare(drafts.get(PodcastStyle.DEEP_DIVE)));
        // And no two styles produce the same sequence of turn shapes.
        Set<List<String>> shapes = drafts.values().stream().map(ExtractiveScriptWriterTest::shape)
                .collect(Collectors.toSet());
        assertThat(shapes).hasSize(PodcastStyle.values().length);
    }

    @Test
    void framingPhrasesVaryInsteadOfRepeatingTheSameWords() {
        Draft draft = writer.draft(request(PodcastStyle.DEEP_DIVE, 1500));

        List<String> framing = draft.turns().stream().flatMap(t -> t.lines().stream()).filter(l -> !l.content())
                .map(Line::text).toList();
        assertThat(new HashSet<>(framing)).hasSizeGreaterThan(framing.size() * 2 / 3);
    }

    @Test
    void noTemplateUsesWordingTheOfflineVoicesWereMeasuredToSlur() {
        // Heard wrong by pocketsphinx in flite's rms and slt voices across fillings (bench/README.md, intelligibility).
        List<String> slurred = List.of("piece by piece", "walk me through", "move on to", "that's it for today",
                "pull it together", "thanks for this", "unpack today", "now, about", "and how does");

        for (String template : Phrases.allTemplates()) {
            assertThat(slurred).as(template).noneMatch(s -> template.toLowerCase(java.util.Locale.ROOT).contains(s));
        }
    }

    @Test
    void citationMarksAndUrlsAreNotSpoken() {
        SourceDocument cited = new SourceDocument("https://wiki.example/Bicycle", "Bicycle", List.of(new Section(null,
                List.of("The safety bicycle appeared in the 1880s.[12] Its chain drove the rear wheel,[3][4] which "
                                + "made riding far safer than before.",
                        "More details are at https://example.org/history and in the museum archive.† The museum "
                                + "opened in 1998 and holds more than two hundred historic machines."))));

        Script script = writer.write(new ScriptRequest(List.of(cited), "lecture", 500, null, null, "en", SPEAKERS));

        String spoken = script.turns().stream().map(Turn::text).collect(Collectors.joining(" "));
        assertThat(spoken).contains("The safety bicycle appeared in the 1880s.",
                        "Its chain drove the rear wheel, which made riding far safer than before.")
                .doesNotContain("[12]", "[3]", "https://", "†");
    }

    @Test
    void nonEnglishSourcesAreSplitIntoSentencesToo() {
        SourceDocument german = new SourceDocument("text_content", "Das Fahrrad", List.of(new Section(null, List.of(
                "Karl Drais stellte seine Laufmaschine im Jahr 1817 in Mannheim vor. Sie hatte zwei Räder, aber "
                        + "noch keine Pedale. Die Fahrer stießen sich mit den Füßen vom Boden ab.",
                "Später kamen Pedale am Vorderrad hinzu. Noch später trieb eine Kette das Hinterrad an."))));

        Draft draft = writer.draft(new ScriptRequest(List.of(german), "conversational", 80, null, null, "de",
                SPEAKERS));

        assertThat(contentLines(draft)).contains("Sie hatte zwei Räder, aber noch keine Pedale.",
                "Später kamen Pedale am Vorderrad hinzu.");
    }

    @Test
    void anUnknownStyleIsRejected() {
        assertThatThrownBy(() -> writer.write(new ScriptRequest(List.of(article), "sermon", 500, null, null, "en",
                SPEAKERS)))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_REQUEST");
                    assertThat(e.getMessage()).contains("sermon");
                });
    }

    @Test
    void sourcesWithoutSentencesCannotBeScripted() {
        SourceDocument empty = new SourceDocument("text_content", null, List.of(new Section(null, List.of("Menu"))));

        assertThatThrownBy(() -> writer.write(new ScriptRequest(List.of(empty), "deep_dive", 500, null, null, "en",
                SPEAKERS)))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("NO_READABLE_TEXT"));
    }

    private static ScriptRequest request(PodcastStyle style, int words) {
        return new ScriptRequest(List.of(article), style.id(), words, null, null, "en", SPEAKERS);
    }

    private static List<String> contentLines(Draft draft) {
        return draft.turns().stream().flatMap(t -> t.lines().stream()).filter(Line::content).map(Line::text).toList();
    }

    private static long fromSource(Draft draft, Set<String> paragraphs) {
        return contentLines(draft).stream().filter(line -> paragraphs.stream().anyMatch(p -> p.contains(line))).count();
    }

    private static boolean hasContent(DraftTurn turn) {
        return turn.lines().stream().anyMatch(Line::content);
    }

    private static double meanSentencesPerContentTurn(Draft draft) {
        return draft.turns().stream().filter(ExtractiveScriptWriterTest::hasContent)
                .mapToLong(t -> t.lines().stream().filter(Line::content).count()).average().orElseThrow();
    }

    private static double framingShare(Draft draft) {
        long framing = draft.turns().stream().flatMap(t -> t.lines().stream()).filter(l -> !l.content())
                .mapToLong(l -> l.text().split("\\s+").length).sum();
        return (double) framing / draft.words();
    }

    /** A turn's shape: F for framing and C for each content sentence, e.g. "FCCC". */
    private static List<String> shape(Draft draft) {
        List<String> shape = new ArrayList<>();
        for (DraftTurn turn : draft.turns()) {
            shape.add(turn.lines().stream().map(l -> l.content() ? "C" : "F").collect(Collectors.joining()));
        }
        return shape;
    }
}
