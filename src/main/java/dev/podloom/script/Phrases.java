package dev.podloom.script;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The framing lines the extractive writer may say around source sentences. None of them asserts a fact: they
 * introduce, ask, react, move on and sign off. {@code {title}} and {@code {heading}} are filled from the sources'
 * titles and headings.
 *
 * <p>The deep-dive lines are worded so the offline voices say them clearly: lines that flite's rms and slt voices
 * slurred ("let's take it piece by piece", "walk me through", "let's move on to", "that's it for today",
 * "let's pull it together") were replaced by plainer wording of the same meaning, each template heard by
 * pocketsphinx with three different fillings before and after (bench/README.md, "Intelligibility benchmark").
 */
enum Phrases {
    INTRO(
            "Welcome back to the show. Today we're taking a deep dive into {title}.",
            "Hello and welcome. This episode is all about {title}, and we're going to take it step by step.",
            "Welcome, everyone. Today we're digging into {title}.",
            "Hello, and thank you for listening. Today's topic is {title}."),
    INTRO_REPLY(
            "I've been looking forward to this one. I want to hear about {term}.",
            "Great topic. Let's get right into it, starting with {term}.",
            "There is a lot to cover here, so let's begin with {term}.",
            "I'm ready. Tell me about {term} first."),
    FIRST_TOPIC(
            "Let's start with {heading}.",
            "First up: {heading}.",
            "We'll begin with {heading}."),
    NEXT_TOPIC(
            "Our next topic is {heading}.",
            "Next, {heading}.",
            "Now let's turn to {heading}.",
            "That brings us to {heading}."),
    DIG(
            "What about {term}?",
            "Where does {term} come in?",
            "Can you tell me more about {term}?",
            "And where does {term} fit into the picture?",
            "What's the story with {term}?",
            "So what should we know about {term}?"),
    BUILD_ON(
            "And then there's {term}.",
            "Here's where {term} comes in.",
            "Now let's talk about {term}.",
            "Let me add something on {term}.",
            "That leads us to {term}."),
    RECAP(
            "Before we wrap up, a quick look back: {heading}.",
            "So, to sum up, we covered {heading}.",
            "Let's bring it all together: {heading}."),
    CLOSING_REPLY(
            "This was a great conversation. Thanks for walking through it with me.",
            "I learned a lot today.",
            "What a story. Thank you for telling it."),
    SIGN_OFF(
            "That's all for this episode. Thanks for listening, and see you next time.",
            "Thanks for joining us. Until next time.",
            "That is all for today. Take care, and see you soon."),

    CHAT_INTRO(
            "Hey, welcome in! So today we're chatting about {title}.",
            "Hi everyone! Pull up a chair, because today's topic is {title}.",
            "Hey there, and welcome. We're talking about {title} today."),
    CHAT_INTRO_REPLY(
            "Oh, I love this one.",
            "Ooh, good pick.",
            "Okay, I'm excited about this."),
    CHAT_TOPIC(
            "So, what about {heading}?",
            "Okay, {heading}. Go.",
            "And {heading}?",
            "Tell me about {heading}."),
    CHAT_REACTION(
            "Huh.",
            "Oh, interesting.",
            "Right.",
            "Wow, okay.",
            "I didn't know that.",
            "Ha, true."),
    CHAT_RECAP(
            "So today it was {heading}.",
            "Quick recap, then: {heading}.",
            "That was {heading}."),
    CHAT_CLOSING_REPLY(
            "This was fun.",
            "Loved this chat."),
    CHAT_SIGN_OFF(
            "Thanks for hanging out with us. Catch you next time!",
            "That's a wrap. Talk soon!"),

    INTERVIEW_INTRO(
            "Welcome to the show. Today I'm joined by a guest to talk about {title}.",
            "Hello and welcome. My guest today is here to help us understand {title}."),
    GUEST_GREETING(
            "Thanks for having me. I'm glad to be here.",
            "It's a pleasure to be here."),
    INTERVIEW_QUESTION(
            "Let's talk about {heading}. What should we know?",
            "Tell us about {heading}.",
            "What can you tell me about {heading}?",
            "How would you explain {heading}?"),
    FOLLOW_UP(
            "What about {term}?",
            "Can you say more about {term}?",
            "And where does {term} fit in?",
            "Why does {term} matter here?",
            "How should we think about {term}?"),
    TAKEAWAY_QUESTION(
            "Before we finish, what should listeners take away?",
            "If listeners remember one thing, what should it be?"),
    TAKEAWAY_ANSWER(
            "We talked about {heading}. Those are the ones to remember.",
            "For me it comes down to {heading}."),
    INTERVIEW_SIGN_OFF(
            "Thank you so much for joining me. And thanks to everyone for listening.",
            "That's all we have time for. Thanks to my guest, and thanks for listening."),

    DEBATE_INTRO(
            "Welcome to the debate. Today we're weighing up {title}.",
            "Welcome. Today we take two sides on {title}."),
    DEBATE_INTRO_REPLY(
            "And I'll be pushing back wherever I can.",
            "I suspect we won't agree on everything."),
    DEBATE_OPEN(
            "Let's argue about {heading}. On the one hand, consider this.",
            "First point of contention: {heading}. Here's one side.",
            "On {heading}, let me start with this."),
    COUNTER(
            "But look at {term} from the other side.",
            "I'd push back, and {term} is why.",
            "On the other hand, consider {term}.",
            "That's true, but weigh up {term}.",
            "Fair, but don't forget {term}."),
    DEBATE_RECAP(
            "Where does that leave us? We weighed up {heading}.",
            "Weighing it all up, it came down to {heading}."),
    DEBATE_CLOSING_REPLY(
            "We'll have to agree to disagree on some of it.",
            "A good debate, as always."),
    DEBATE_SIGN_OFF(
            "Thanks for listening. Make up your own mind, and see you next time.",
            "That's the debate. Thanks for joining us."),

    NEWS_INTRO(
            "This is your news brief on {title}.",
            "Here's the brief: {title}.",
            "Your quick briefing: {title}."),
    HEADLINE(
            "Next: {heading}.",
            "On {heading}:",
            "Now, {heading}."),
    NEWS_RECAP(
            "The bottom line: {heading}.",
            "In short: {heading}."),
    NEWS_SIGN_OFF(
            "That's the brief. Thanks for listening.",
            "And that's your update."),

    LECTURE_INTRO(
            "Welcome. In this lecture, we'll look at {title}.",
            "Hello. Today's lecture covers {title}."),
    LECTURE_FIRST_SECTION(
            "Let's begin with {heading}.",
            "Our first topic is {heading}."),
    LECTURE_SECTION(
            "Our next topic is {heading}.",
            "Now we turn to {heading}.",
            "Next, we consider {heading}."),
    LECTURE_RECAP(
            "To summarise, we covered {heading}.",
            "Let's review: {heading}."),
    LECTURE_SIGN_OFF(
            "That concludes this lecture. Thank you for listening.",
            "That's the end of today's lecture. Thanks for your attention.");

    /** Stands in for the heading of text that comes before a source's first heading. */
    static final String UNTITLED_SECTION = "the big picture";
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s.:;,!?]+$");

    private final List<String> templates;

    Phrases(String... templates) {
        this.templates = List.of(templates);
    }

    /** The template at {@code index}, rotating, with the placeholders filled. */
    String pick(int index, String title, String heading) {
        return pick(index, title, heading, null);
    }

    /**
     * The template at {@code index}, rotating, with the placeholders filled; {@code {term}} is the key term of what
     * is said next (the heading, else "the big picture", when there is none).
     */
    String pick(int index, String title, String heading, String term) {
        String template = templates.get(Math.floorMod(index, templates.size()));
        String headingText = heading == null ? UNTITLED_SECTION : bare(heading);
        return template.replace("{title}", bare(title))
                .replace("{heading}", headingText)
                .replace("{term}", term == null ? headingText : bare(term));
    }

    /** How many templates this phrase rotates through. */
    int size() {
        return templates.size();
    }

    /** Every framing template, for checking that a line is framing and not invented content. */
    static List<String> allTemplates() {
        return Arrays.stream(values()).flatMap(p -> p.templates.stream()).toList();
    }

    /** Titles and headings are spliced mid-sentence, so their own closing punctuation is dropped. */
    private static String bare(String text) {
        return text == null ? "" : TRAILING_PUNCTUATION.matcher(text.strip()).replaceAll("");
    }
}
