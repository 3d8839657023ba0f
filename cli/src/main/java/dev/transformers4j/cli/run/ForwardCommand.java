package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.IdLists;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.TokenIdOptions;
import dev.transformers4j.cli.support.WeightDTypeOption;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.ModelOutput;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.marian.Seq2SeqLMOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j forward}: one forward pass on token ids, printing the outputs. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Run a model on token ids and print last_hidden_state (and logits when it has a head).",
                "Encoder-decoder models (MarianMTModel) also take --decoder-ids and print logits and encoder_last_hidden_state."})
public final class ForwardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TokenIdOptions inputs;

    @Mixin
    WeightDTypeOption weights;

    @Option(names = "--decoder-ids", paramLabel = "IDS",
            description = "Encoder-decoder models: the decoder input ids (comma-separated, decoder_start_token_id first) for the"
                    + " matching --ids; one per --ids, right-padded with pad_token_id (teacher forcing, as HF's decoder_input_ids).")
    List<String> decoderIds = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"last_hidden_state\":{\"shape\":..,\"data\":..},\"logits\":..}"
            + " (encoder-decoder: {\"logits\":..,\"encoder_last_hidden_state\":..}).")
    boolean json;

    @Override
    public Integer call() {
        PretrainedModel m = inputs.load(weights.dtype);
        if (m instanceof MarianMTModel seq2seq) {
            return encoderDecoder(seq2seq);
        }
        if (!decoderIds.isEmpty()) {
            throw new IllegalArgumentException("--decoder-ids: " + m.architecture() + " is not an encoder-decoder model"
                    + " (it takes --ids only)");
        }
        ModelOutput out = m.forward(inputs.batch(), ForwardOptions.DEFAULT);
        var w = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(w)) {
                j.tensor("last_hidden_state", out.lastHiddenState());
                if (out.logits() != null) {
                    j.tensor("logits", out.logits());
                }
            }
        } else {
            w.println(m.architecture() + ": last_hidden_state " + out.lastHiddenState());
            if (out.logits() != null) {
                w.println("logits " + out.logits());
            }
        }
        return 0;
    }

    /** Teacher forcing: the logits {@code [B, T, V]} of every decoder position, and the encoder's output. */
    private int encoderDecoder(MarianMTModel m) {
        if (decoderIds.isEmpty()) {
            throw new IllegalArgumentException("--decoder-ids: " + m.architecture() + " is an encoder-decoder model:"
                    + " give the decoder input ids too (one --decoder-ids per --ids, decoder_start_token_id "
                    + m.decoderStartTokenId() + " first)");
        }
        List<int[]> targets = IdLists.parseAll("--decoder-ids", decoderIds);
        int sources = inputs.sequences().size();
        if (targets.size() != sources) {
            throw new IllegalArgumentException("--decoder-ids: given " + targets.size() + " times but --ids " + sources
                    + " times (one --decoder-ids per --ids)");
        }
        int pad = m.config().padTokenId();
        TokenBatch source = inputs.batch(pad);                                              // [B, S]
        TokenBatch target = TokenBatch.rightPadded(targets, null, pad);                     // [B, T]
        Seq2SeqLMOutput out = m.forward(source, target.ids(), ForwardOptions.DEFAULT);
        var w = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(w)) {
                j.tensor("logits", out.logits());
                j.tensor("encoder_last_hidden_state", out.encoderLastHiddenState());
            }
        } else {
            w.println(m.architecture() + ": logits " + out.logits());
            w.println("encoder_last_hidden_state " + out.encoderLastHiddenState());
        }
        return 0;
    }
}
