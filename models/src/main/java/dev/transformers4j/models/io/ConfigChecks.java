package dev.transformers4j.models.io;

/** Validation shared by the config records: one message shape for every out-of-range field. */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * @throws IllegalArgumentException {@code field 'n_head': expected > 0 and a divisor of n_embd 64 but was 5}
     */
    public static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("field '" + field + "': expected " + expected + " but was " + value);
        }
    }
}
