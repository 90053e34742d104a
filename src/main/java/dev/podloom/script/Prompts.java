package dev.podloom.script;

import dev.podloom.llm.PromptFiles;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language-model prompts, read from {@code prompts/tasks.md} (the tasks every style shares) and
 * {@code prompts/<style>.md} (one readable file per style). Sections start with {@code ## name}; {@code {{name}}}
 * placeholders are filled in by {@link #fill}.
 */
final class Prompts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final Map<String, String> tasks;
    private final Map<String, String> styles = new HashMap<>();

    Prompts() {
        this.tasks = PromptFiles.sections("tasks");
    }

    String task(String name) {
        String text = tasks.get(name);
        if (text == null) {
            throw new IllegalStateException("prompts/tasks.md has no section '" + name + "'");
        }
        return text;
    }

    synchronized String style(String style) {
        return styles.computeIfAbsent(style, s -> {
            String text = PromptFiles.sections(s).get("style");
            if (text == null) {
                throw new IllegalStateException("prompts/" + s + ".md has no '## style' section");
            }
            return text;
        });
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for prompt placeholder {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }
}
