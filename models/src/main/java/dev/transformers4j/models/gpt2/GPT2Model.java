package dev.transformers4j.models.gpt2;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.Embedding;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.LayerStack;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.ModuleList;
import dev.transformers4j.models.AttentionMask;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.ModelOutput;

/**
 * The GPT-2 decoder stack (Radford et al., 2019): token embeddings {@code wte} + learned positions
 * {@code wpe} (the paper uses fixed sinusoids, §3.5), N pre-LN blocks {@code h}, a final LayerNorm
 * {@code ln_f}.
 */
public final class GPT2Model extends Module {

    final GPT2Config config;
    final Embedding wte;
    final Embedding wpe;
    final Dropout drop;
    final ModuleList<GPT2Block> h;
    final LayerNorm lnF;

    public GPT2Model(GPT2Config config) {
        this.config = config;
        wte = child("wte", new Embedding(config.vocabSize(), config.nEmbd()));
        wpe = child("wpe", new Embedding(config.nPositions(), config.nEmbd()));
        drop = child("drop", new Dropout(config.embdPdrop()));
        h = child("h", new ModuleList<>());
        for (int i = 0; i < config.nLayer(); i++) {
            h.add(new GPT2Block(config, i));
        }
        lnF = child("ln_f", new LayerNorm(config.nEmbd(), config.layerNormEpsilon()));
    }

    /**
     * Runs the new tokens of {@code in}, attending to the cached ones.
     *
     * @param cache the past keys/values (appended to and advanced), or null for a plain forward pass
     * @return the final hidden state after {@code ln_f}; {@code hiddenStates} as HF returns them (the
     *         embeddings, each block's output, the last one replaced by its {@code ln_f} output)
     */
    public ModelOutput forward(DecoderInput in, KVCache cache, ForwardOptions options) {
        ForwardCall call = enter(in, cache, options);
        checkPositions(in);
        int b = in.batch();
        int t = in.length();
        Tensor mask = AttentionMask.causal(in.attentionMask(), b, t);           // [B, 1, T, P + T]
        Tensor x = drop.forward(wte.forward(in.ids(), b, t).add(wpe.forward(in.positionIds(), b, t)));  // [B, T, C]
        LayerStack.Output r = LayerStack.run(h, x, (block, i, y) -> block.forward(y, mask, cache), options);
        if (cache != null) {
            cache.advance(t);
        }
        r = r.withFinalNorm(lnF, lnF.forward(r.lastHiddenState()));                                   // [B, T, C]
        return call.exit(new ModelOutput(r.lastHiddenState(), null, null, r.hiddenStates(), r.attentions(),
                r.hiddenStateNames("wte + wpe", this)));
    }

    /** A cache for up to {@code capacity} positions of {@code batch} sequences. */
    public KVCache newCache(int batch, int capacity) {
        return new KVCache(config.nLayer(), batch, config.nHead(), capacity, config.headSize());
    }

    private void checkPositions(DecoderInput in) {
        for (int p : in.positionIds()) {
            if (p >= config.nPositions()) {
                throw new IllegalArgumentException("position " + p + " is beyond n_positions = " + config.nPositions()
                        + " (the prompt plus new tokens are too long for this model)");
            }
        }
    }

    public Embedding wte() {
        return wte;
    }

    /** The final LayerNorm {@code ln_f} (the logit lens applies it to intermediate hidden states). */
    public LayerNorm lnF() {
        return lnF;
    }
}
