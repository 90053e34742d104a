package dev.podloom.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The prompt files under {@code src/main/resources/prompts}: markdown whose {@code ## name} headings name sections. */
public final class PromptFiles {

    private PromptFiles() {
    }

    /**
     * The sections of {@code prompts/<name>.md}, by heading; fails at startup, not mid-podcast, when the file or
     * one of the {@code required} sections is missing.
     */
    public static Map<String, String> sections(String name, String... required) {
        Map<String, String> sections = parse(read(name));
        for (String needed : required) {
            if (!sections.containsKey(needed)) {
                throw new IllegalStateException("prompts/" + name + ".md has no '## " + needed + "' section");
            }
        }
        return sections;
    }

    private static String read(String name) {
        try (InputStream in = PromptFiles.class.getResourceAsStream("/prompts/" + name + ".md")) {
            if (in == null) {
                throw new IllegalStateException("Prompt file prompts/" + name + ".md is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> sections = new HashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (name != null) {
                    sections.put(name, body.toString().strip());
                }
                name = line.substring(3).strip();
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            sections.put(name, body.toString().strip());
        }
        return sections;
    }
}
