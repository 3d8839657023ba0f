package dev.transformers4j.pipelines;

/**
 * How a sentence embedding is made from the encoder's last hidden states {@code [B, T, C] -> [B, C]}
 * (sentence-transformers' {@code Pooling} module).
 */
public enum Pooling {
    /** The mean of the token vectors, padding excluded ({@code pooling_mode_mean_tokens}). */
    MEAN("mean"),
    /** The vector of the first token, {@code [CLS]} ({@code pooling_mode_cls_token}). */
    CLS("cls");

    private final String jsonName;

    Pooling(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in {@code t4j_builtin.json}: {@code "mean"} or {@code "cls"}. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The pooling of a name in {@code t4j_builtin.json}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Pooling parse(String name) {
        for (Pooling p : values()) {
            if (p.jsonName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + name + "' (expected \"mean\" or \"cls\")");
    }
}
