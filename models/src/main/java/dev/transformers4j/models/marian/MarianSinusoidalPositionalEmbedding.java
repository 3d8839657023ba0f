package dev.transformers4j.models.marian;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.Module;

/**
 * The fixed positional encodings of §3.5, as Marian lays them out. With ω_j = 1 / 10000^(2j/C), row
 * {@code pos} of the table is
 * <pre>  [ sin(pos·ω_0) … sin(pos·ω_{C/2−1}) | cos(pos·ω_0) … cos(pos·ω_{C/2−1}) ]</pre>
 * <b>Deviation from the paper:</b> §3.5 interleaves them, {@code PE(pos, 2i) = sin(pos / 10000^(2i/C))} and
 * {@code PE(pos, 2i+1) = cos(pos / 10000^(2i/C))}; Marian puts all sines in the first half and all cosines in
 * the second. The two tables hold the same numbers with the columns permuted, so the model is equivalent,
 * but a checkpoint trained with one layout needs that layout. The table is not a parameter (it is not in
 * {@code model.safetensors}); it is computed in double precision and rounded to float, as HF does.
 */
public final class MarianSinusoidalPositionalEmbedding extends Module {

    private final Tensor table;   // [maxPositions, C]

    public MarianSinusoidalPositionalEmbedding(int maxPositions, int width) {
        table = Tensor.of(table(maxPositions, width), maxPositions, width);
    }

    /** The {@code [n, C]} table, row-major. */
    static float[] table(int n, int width) {
        int half = width / 2;
        float[] out = new float[n * width];
        for (int pos = 0; pos < n; pos++) {
            for (int j = 0; j < half; j++) {
                double angle = pos / Math.pow(10000, 2.0 * j / width);
                out[pos * width + j] = (float) Math.sin(angle);           // first half: sines
                out[pos * width + half + j] = (float) Math.cos(angle);    // second half: cosines
            }
        }
        return out;
    }

    /** The encodings of positions {@code past .. past + t − 1}, {@code [1, t, C]} (broadcast over the batch). */
    public Tensor forward(int past, int t) {
        ForwardCall call = enter(past, t);
        if (past + t > table.size(0)) {
            throw new IllegalArgumentException("position " + (past + t - 1) + " is beyond max_position_embeddings = "
                    + table.size(0));
        }
        return call.exit(table.slice(0, past, past + t).unsqueeze(0));               // [1, t, C]
    }

    /** The whole table {@code [max_position_embeddings, C]}. */
    public Tensor table() {
        return table;
    }
}
