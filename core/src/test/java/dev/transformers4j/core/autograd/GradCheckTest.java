package dev.transformers4j.core.autograd;

import static dev.transformers4j.core.autograd.GradCheck.check;
import static dev.transformers4j.core.autograd.GradCheck.randn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Rng;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.Losses;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every backward rule against central finite differences, on small odd-sized inputs. */
class GradCheckTest {

    private final Random r = new Random(1234);

    /** Values at least 0.2 away from 0 (for kinks and divisions). */
    private Tensor awayFromZero(int... shape) {
        Tensor t = randn(r, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.copySign(0.2f + Math.abs(d[i]), d[i]);
        }
        return t;
    }

    @Test
    void addSubMulDivWithBroadcasting() {
        check("add [3,4]+[3,4]", x -> x[0].add(x[1]), randn(r, 3, 4), randn(r, 3, 4));
        check("add [3,4]+[4] (row vector)", x -> x[0].add(x[1]), randn(r, 3, 4), randn(r, 4));
        check("add [3,1]+[1,4]", x -> x[0].add(x[1]), randn(r, 3, 1), randn(r, 1, 4));
        check("sub [2,3,5]-[3,1]", x -> x[0].sub(x[1]), randn(r, 2, 3, 5), randn(r, 3, 1));
        check("mul [2,3,5]*[5]", x -> x[0].mul(x[1]), randn(r, 2, 3, 5), randn(r, 5));
        check("mul [1,3]*[3,1] both broadcast", x -> x[0].mul(x[1]), randn(r, 1, 3), randn(r, 3, 1));
        check("div [3,4]/[3,1]", x -> x[0].div(x[1]), randn(r, 3, 4), awayFromZero(3, 1));
        check("mul by itself (fan-in)", x -> x[0].mul(x[0]), randn(r, 3, 5));
    }

    @Test
    void scalarsAndReductions() {
        check("mul(scalar)", x -> x[0].mul(-1.7f), randn(r, 3, 4));
        check("add(scalar)", x -> x[0].add(0.3f), randn(r, 3, 4));
        check("sum", x -> x[0].sum(), randn(r, 3, 5));
        check("mean", x -> x[0].mean(), randn(r, 2, 3, 5));
        check("sumTo [2,3,5]→[3,1]", x -> x[0].sumTo(3, 1), randn(r, 2, 3, 5));
        check("expandTo [3,1]→[2,3,5]", x -> x[0].expandTo(2, 3, 5), randn(r, 3, 1));
        check("regulariser w·w summed", x -> x[0].mul(x[0]).sum().mul(1e-1f), randn(r, 3, 4));
    }

    @Test
    void activations() {
        check("tanh", x -> x[0].tanh(), randn(r, 3, 5));
        check("relu", x -> x[0].relu(), awayFromZero(3, 5));
        check("silu", x -> x[0].silu(), randn(r, 3, 5));
        check("gelu (erf)", x -> x[0].gelu(), randn(r, 3, 5));
        check("gelu (tanh)", x -> x[0].geluTanh(), randn(r, 3, 5));
        check("map(f, df)", x -> x[0].map(Math::sin, Math::cos), randn(r, 3, 5));
    }

    @Test
    void matmulIncludingTransposedViewsAndBatches() {
        check("matmul [3,4]·[4,5]", x -> x[0].matmul(x[1]), randn(r, 3, 4), randn(r, 4, 5));
        check("matmul Aᵀ·B", x -> x[0].transpose(0, 1).matmul(x[1]), randn(r, 4, 3), randn(r, 4, 5));
        check("matmul A·Bᵀ", x -> x[0].matmul(x[1].transpose(0, 1)), randn(r, 3, 4), randn(r, 5, 4));
        check("matmul batched [2,3,4]·[2,4,5]", x -> x[0].matmul(x[1]), randn(r, 2, 3, 4), randn(r, 2, 4, 5));
        check("matmul broadcast batch [2,3,4]·[4,5]", x -> x[0].matmul(x[1]), randn(r, 2, 3, 4), randn(r, 4, 5));
        check("matmul broadcast batch [2,1,3,4]·[3,4,2]", x -> x[0].matmul(x[1]),
                randn(r, 2, 1, 3, 4), randn(r, 3, 4, 2));
    }

    @Test
    void linearLayers() {
        check("linear [2,3,4]·Wᵀ+b", x -> x[0].linear(x[1], x[2]), randn(r, 2, 3, 4), randn(r, 5, 4), randn(r, 5));
        check("linear without bias, rank 1", x -> x[0].linear(x[1], null), randn(r, 4), randn(r, 3, 4));
        check("linearInOut [3,4]·W+b", x -> x[0].linearInOut(x[1], x[2]), randn(r, 3, 4), randn(r, 4, 7), randn(r, 7));
        check("linear of a transposed view", x -> x[0].transpose(0, 1).linear(x[1], x[2]),
                randn(r, 4, 3), randn(r, 5, 4), randn(r, 5));
    }

    @Test
    void softmaxAndLayerNorm() {
        check("softmax", x -> x[0].softmax(), randn(r, 3, 5));
        check("softmax of a permuted view", x -> x[0].permute(1, 0).softmax(), randn(r, 5, 3));
        check("layerNorm x, γ, β", x -> x[0].layerNorm(x[1], x[2], 1e-5f), randn(r, 2, 3, 5), randn(r, 5), randn(r, 5));
        check("layerNorm eps 1e-12", x -> x[0].layerNorm(x[1], x[2], 1e-12f), randn(r, 3, 7), randn(r, 7), randn(r, 7));
    }

    @Test
    void views() {
        check("reshape", x -> x[0].reshape(5, 3), randn(r, 3, 5));
        check("reshape of a transposed view", x -> x[0].transpose(0, 1).reshape(-1), randn(r, 3, 5));
        check("permute", x -> x[0].permute(2, 0, 1), randn(r, 2, 3, 5));
        check("transpose", x -> x[0].transpose(-1, 0), randn(r, 2, 3, 5));
        check("slice", x -> x[0].slice(1, 1, 4), randn(r, 3, 5));
        check("select", x -> x[0].select(1, 2), randn(r, 2, 3, 5));
        check("unsqueeze", x -> x[0].unsqueeze(1), randn(r, 3, 5));
        check("contiguous of a permuted view", x -> x[0].permute(1, 0).contiguous(), randn(r, 3, 5));
        check("slices that overlap (fan-in)", x -> x[0].slice(1, 0, 3).add(x[0].slice(1, 2, 5)), randn(r, 3, 5));
        check("heads split and merged", x -> Attention.mergeHeads(Attention.splitHeads(x[0], 3).mul(x[1])),
                randn(r, 2, 5, 6), randn(r, 2, 3, 5, 2));
    }

    @Test
    void embedding() {
        int[] ids = {4, 0, 2, 4, 6, 0, 1};                       // repeats, and the padding id 0
        check("embedding", x -> Tensor.embedding(x[0], ids, new int[] {1, 7}, -1), randn(r, 7, 3));
    }

    @Test
    void paddingRowGetsNoGradient() {
        int[] ids = {4, 0, 2, 4, 6, 0, 1};
        Tensor w = randn(r, 7, 3).requiresGrad();
        Tensor g = randn(r, 1, 7, 3);
        Tensor.embedding(w, ids, new int[] {1, 7}, -1).backward(g);
        float[] plain = w.grad().toArray();
        w.zeroGrad();
        Tensor.embedding(w, ids, new int[] {1, 7}, 0).backward(g);
        float[] padded = w.grad().toArray();
        for (int i = 0; i < plain.length; i++) {
            assertThat(padded[i]).as("element %d", i).isEqualTo(i < 3 ? 0f : plain[i]);
        }
        assertThat(plain[0]).isNotZero();
    }

    @Test
    void attentionWithMask() {
        float m = -Float.MAX_VALUE;
        Tensor mask = Tensor.of(new float[] {0, 0, 0, m, 0, 0, m, m}, 2, 1, 1, 4);   // [B, 1, 1, S]
        check("scaledDotProduct q, k, v", x -> Attention.scaledDotProduct(x[0], x[1], x[2], mask).context(),
                randn(r, 2, 3, 5, 2), randn(r, 2, 3, 4, 2), randn(r, 2, 3, 4, 2));
        check("scaledDotProduct scale 0.3, probabilities", x -> Attention.scaledDotProduct(x[0], x[1], x[1], null, 0.3f)
                .probs(), randn(r, 1, 2, 3, 5), randn(r, 1, 2, 4, 5));
    }

    @Test
    void dropoutWithAFixedMask() {
        check("dropout p=0.3", x -> x[0].dropout(0.3, new Rng(7)), randn(r, 3, 5));
    }

    @Test
    void crossEntropyWithIgnoredRows() {
        int[] labels = {2, Losses.IGNORE_INDEX, 0, 4};
        check("crossEntropyLoss", x -> Losses.crossEntropyLoss(x[0], labels), randn(r, 4, 5));
        check("crossEntropyLoss of shifted [B, T, V] logits", x -> Losses.crossEntropyLoss(
                x[0].slice(1, 0, 2), new int[] {1, 3, Losses.IGNORE_INDEX, 0}), randn(r, 2, 3, 5));
    }

    @Test
    void labelSmoothedCrossEntropyWithIgnoredRows() {
        int[] labels = {2, Losses.IGNORE_INDEX, 0, 4};
        check("crossEntropyLoss ε=0.1", x -> Losses.crossEntropyLoss(x[0], labels, 0.1), randn(r, 4, 5));
        check("crossEntropyLoss ε=0.6 of [B, T, V] logits", x -> Losses.crossEntropyLoss(x[0],
                new int[] {1, 3, Losses.IGNORE_INDEX, 0, 2, Losses.IGNORE_INDEX}, 0.6), randn(r, 2, 3, 7));
    }

    @Test
    void aSmallNetworkEndToEnd() {
        check("MLP + LayerNorm + softmax", x -> x[0].linear(x[1], x[2]).gelu().layerNorm(x[3], x[4], 1e-5f)
                        .add(x[0].slice(1, 0, 5)).softmax(),
                randn(r, 3, 7), randn(r, 5, 7), randn(r, 5), randn(r, 5), randn(r, 5));
    }
}
