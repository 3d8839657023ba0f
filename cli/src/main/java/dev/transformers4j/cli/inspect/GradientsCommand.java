package dev.transformers4j.cli.inspect;

import dev.transformers4j.cli.support.IdLists;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.TokenIdOptions;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Losses;
import dev.transformers4j.core.nn.Parameter;
import dev.transformers4j.core.nn.ParameterGlob;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertForMaskedLM;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.train.Seq2SeqBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j gradients}: the loss of a labelled batch and {@code ∂loss/∂parameter}, as HF's
 * {@code model(**inputs, labels=labels).loss.backward()} in eval mode (dropout off). For an encoder-decoder model
 * (Marian) the {@code --ids} are the sources and {@code --labels} the targets ({@link Seq2SeqGradientInputs}).
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = "Compute a model's loss on token ids with labels and the gradient of its parameters.")
public final class GradientsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TokenIdOptions inputs;

    @Option(names = "--labels", description = "Labels for the matching --ids: one class index per sequence for "
            + "sequence classification, one per token for language models (default for causal LMs: the ids), the "
            + "target ids for encoder-decoder models.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--decoder-ids", description = "Encoder-decoder models: comma-separated decoder input ids for "
            + "the matching --ids (default: the --labels shifted right behind decoder_start_token_id, as HF).")
    List<String> decoderIds = new ArrayList<>();

    @Option(names = "--param", description = "A parameter name or glob (encoder.layer.0.*); repeat. Default: all.")
    List<String> params = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"loss\":..,\"gradients\":{\"NAME\":{\"shape\":..,\"data\":..}}}.")
    boolean json;

    @Override
    public Integer call() {
        List<int[]> seqs = inputs.sequences();
        TokenBatch batch = inputs.batch();
        PretrainedModel m = inputs.load();
        Supplier<Tensor> lossOf = lossOf(m, batch, seqs);
        Map<String, Parameter> selected = selected(m);
        m.module().eval().requiresGrad(false);
        selected.values().forEach(p -> p.requiresGrad(true));      // only these gradients are computed
        Tensor loss = lossOf.get();
        loss.backward();
        print(loss.item(), selected);
        return 0;
    }

    /** The parameters {@code --param} names, all when it is not given. */
    private Map<String, Parameter> selected(PretrainedModel m) {
        try {
            return ParameterGlob.select(m.module().namedParameters(), m.baseModelPrefix(), params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--param " + e.getMessage(), e);
        }
    }

    /** The model's loss on the given inputs, checked before anything is computed. */
    private Supplier<Tensor> lossOf(PretrainedModel m, TokenBatch batch, List<int[]> seqs) {
        List<int[]> given = labels.isEmpty() ? null : IdLists.parseAll("--labels", labels);
        if (m instanceof MarianMTModel mt) {
            Seq2SeqBatch b = Seq2SeqGradientInputs.of(mt, seqs, given,
                    decoderIds.isEmpty() ? null : IdLists.parseAll("--decoder-ids", decoderIds));
            return () -> mt.loss(b.source(), b.decoderInputIds(), b.labels());
        }
        if (!decoderIds.isEmpty()) {
            throw new IllegalArgumentException("--decoder-ids: only encoder-decoder models read decoder ids; "
                    + m.architecture() + " is not one");
        }
        int[] target = labels(m, batch, seqs, given);
        return () -> m.loss(batch, target);
    }

    /** The labels as the model's loss takes them: {@code [B]} classes or {@code [B, T]} tokens, -100 at padding. */
    private int[] labels(PretrainedModel m, TokenBatch batch, List<int[]> seqs, List<int[]> given) {
        if (m instanceof BertForSequenceClassification cls) {
            return classLabels(given, seqs.size(), cls.config().numLabels());
        }
        if (!(m instanceof CausalLM) && !(m instanceof BertForMaskedLM)) {
            throw new IllegalArgumentException(m.architecture() + " has no head with a loss; use a model with a "
                    + "classification or language-model head");
        }
        if (given == null && !(m instanceof CausalLM)) {
            throw new IllegalArgumentException("--labels: " + m.architecture() + " needs one label per token "
                    + "(-100 for tokens that are not scored)");
        }
        List<int[]> perToken = given == null ? seqs : given;
        if (perToken.size() != seqs.size()) {
            throw new IllegalArgumentException("--labels: given " + perToken.size() + " times but --ids "
                    + seqs.size() + " times (one --labels per --ids)");
        }
        int t = batch.length();
        int[] out = new int[batch.batch() * t];
        Arrays.fill(out, Losses.IGNORE_INDEX);
        for (int i = 0; i < seqs.size(); i++) {
            if (perToken.get(i).length != seqs.get(i).length) {
                throw new IllegalArgumentException("--labels: sequence " + (i + 1) + " has " + seqs.get(i).length
                        + " ids but " + perToken.get(i).length + " labels");
            }
            System.arraycopy(perToken.get(i), 0, out, i * t, perToken.get(i).length);
        }
        return out;
    }

    private static int[] classLabels(List<int[]> given, int batch, int numLabels) {
        if (given == null) {
            throw new IllegalArgumentException("--labels: sequence classification needs one class index per "
                    + "sequence (--labels 2, repeated for each --ids)");
        }
        int[] out = given.stream().flatMapToInt(Arrays::stream).toArray();
        if (out.length != batch) {
            throw new IllegalArgumentException("--labels: sequence classification takes one class index per sequence: "
                    + batch + " sequences but " + out.length + " labels");
        }
        for (int c : out) {
            if (c < 0 || c >= numLabels) {
                throw new IllegalArgumentException("--labels: class " + c + " is outside [0, " + numLabels + ")");
            }
        }
        return out;
    }

    private void print(float loss, Map<String, Parameter> selected) {
        var w = spec.commandLine().getOut();
        if (!json) {
            w.printf("loss %.6f%n", loss);
            selected.forEach((name, p) -> w.printf("%-60s %-12s |g| %.6g%n", name, Arrays.toString(p.shape()),
                    norm(gradOf(p))));
            return;
        }
        try (Json j = new Json(w)) {
            j.gen().writeNumberField("loss", loss);
            j.gen().writeObjectFieldStart("gradients");
            selected.forEach((name, p) -> j.tensor(name, gradOf(p)));
            j.gen().writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gradient, or zeros for a parameter the loss does not depend on. */
    private static Tensor gradOf(Parameter p) {
        return p.grad() != null ? p.grad() : Tensor.zeros(p.shape());
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (float v : t.toArray()) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
