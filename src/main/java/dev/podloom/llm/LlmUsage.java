package dev.podloom.llm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Calls and tokens spent on one piece of work (one script), safe to add to from several threads. */
public final class LlmUsage {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();

    public void add(LlmReply reply) {
        calls.incrementAndGet();
        promptTokens.addAndGet(reply.promptTokens());
        completionTokens.addAndGet(reply.completionTokens());
    }

    public int calls() {
        return calls.get();
    }

    public long promptTokens() {
        return promptTokens.get();
    }

    public long completionTokens() {
        return completionTokens.get();
    }
}
