package dev.podloom.metering;

import dev.podloom.shared.Sql;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How many generations each API key runs now: one row per key in {@code generation_slots}, taken in the charging
 * transaction and given back when the generation completes or fails.
 */
@Singleton
class GenerationSlots {

    private final Sql sql;

    GenerationSlots(Sql sql) {
        this.sql = sql;
    }

    /** Locks the keys' rows (in the given order: callers pass them sorted) and returns what each runs. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Map<UUID, Integer> lock(Set<UUID> keyIds) {
        Map<UUID, Integer> running = new LinkedHashMap<>();
        for (UUID keyId : keyIds) {
            sql.update("INSERT INTO generation_slots (api_key_id, running) VALUES (?, 0) ON CONFLICT DO NOTHING", keyId);
            running.put(keyId, sql.one("SELECT running FROM generation_slots WHERE api_key_id = ? FOR UPDATE",
                    rs -> rs.getInt(1), keyId).orElse(0));
        }
        return running;
    }

    /** Writes the counts that changed. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void write(Map<UUID, Integer> after, Map<UUID, Integer> before) {
        after.forEach((keyId, count) -> {
            if (!count.equals(before.get(keyId))) {
                sql.update("UPDATE generation_slots SET running = ? WHERE api_key_id = ?", count, keyId);
            }
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void release(UUID keyId) {
        sql.update("UPDATE generation_slots SET running = running - 1 WHERE api_key_id = ? AND running > 0", keyId);
    }
}
