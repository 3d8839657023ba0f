package dev.transformers4j.core.nn;

import dev.transformers4j.core.Rng;
import dev.transformers4j.core.Tensor;

/**
 * Dropout (Srivastava et al., 2014; §5.4 of the paper applies it to every sub-layer output, to the embedding
 * sums and, in BERT and GPT-2, to the attention probabilities): in training mode each element is zeroed with
 * probability {@code p} and the others scaled by {@code 1/(1 − p)}; in evaluation mode it is the identity.
 */
public final class Dropout extends Module {

    private final double p;
    private final Rng rng;

    /** Dropout drawing from {@link Rng#global()}. */
    public Dropout(double p) {
        this(p, Rng.global());
    }

    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability: expected a value in [0, 1) but was " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** {@code x} unchanged in evaluation mode, {@code x ⊙ mask / (1 − p)} in training mode. */
    public Tensor forward(Tensor x) {
        return enter(x).exit(isTraining() && p > 0 ? x.dropout(p, rng) : x);
    }

    public double p() {
        return p;
    }
}
