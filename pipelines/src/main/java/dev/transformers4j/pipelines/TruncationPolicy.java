package dev.transformers4j.pipelines;

/**
 * What a pipeline does with a text longer than the model takes: cut it with a warning (the default, as
 * sentence-transformers does silently), or refuse it.
 */
public enum TruncationPolicy {
    TRUNCATE, ERROR
}
