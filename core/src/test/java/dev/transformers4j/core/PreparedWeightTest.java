package dev.transformers4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transformers4j.core.nn.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frozen weights multiplied in a prepared form: the numbers of int8 and bf16, the cache and when it is dropped. */
class PreparedWeightTest {

    private static Tensor random(Random r, int... shape) {
        float[] d = new float[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    /** y = x·Wᵀ + b by hand in double, with W given as a function of (j, i). */
    private static float[] byHand(Tensor x, int out, java.util.function.BiFunction<Integer, Integer, Double> w, Tensor b) {
        int rows = x.size(0), in = x.size(1);
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x.get(r, i) * w.apply(j, i);
                }
                y[r * out + j] = (float) (s + b.get(j));
            }
        }
        return y;
    }

    @Test
    void float32PreparedProductIsTheMatmulPathBitForBit() {
        Random r = new Random(1);
        Tensor x = random(r, 5, 7), w = random(r, 3, 7), b = random(r, 3);
        float[] prepared = x.linear(w, b).toArray();                 // frozen weight: the prepared path
        float[] plain = x.matmul(w.transpose(0, 1)).add(b).toArray(); // the plain product and a broadcast add
        assertThat(prepared).containsExactly(plain);
    }

    @Test
    void int8IsSymmetricPerOutputChannel() {
        float[] w = {0.5f, -1.27f, 0.01f, /* row 2 */ 0f, 0f, 0f, /* row 3 */ 2.54f, 1.27f, -0.02f};
        WeightQuantization.Int8 q = WeightQuantization.int8PerRow(w, 0, 3, 3, 3, false);
        assertThat(q.scales()[0]).isCloseTo(0.01f, within(1e-9f));
        assertThat(q.q()[0]).isEqualTo((byte) 50);
        assertThat(q.q()[1]).isEqualTo((byte) -127);
        assertThat(q.q()[2]).isEqualTo((byte) 1);
        assertThat(q.scales()[1]).isZero();
        assertThat(new byte[] {q.q()[3], q.q()[4], q.q()[5]}).containsOnly(0);
        assertThat(q.q()[6]).isEqualTo((byte) 127);
        assertThat(q.q()[7]).isIn((byte) 63, (byte) 64);
        assertThat(q.q()[8]).isEqualTo((byte) -1);
        // the [in, out] layout of Conv1D quantises the same matrix the same way
        float[] wt = new float[9];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                wt[i * 3 + j] = w[j * 3 + i];
            }
        }
        assertThat(WeightQuantization.int8PerRow(wt, 0, 3, 3, 3, true).q()).containsExactly(q.q());
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertThat(WeightQuantization.toBf16(1f)).isEqualTo((short) 0x3F80);
        assertThat(WeightQuantization.toBf16(1f + 0x1p-8f)).isEqualTo((short) 0x3F80);   // tie, even stays
        assertThat(WeightQuantization.toBf16(1f + 3 * 0x1p-8f)).isEqualTo((short) 0x3F82); // tie, rounds up to even
        assertThat(WeightQuantization.toBf16(1f + 0x1p-8f + 0x1p-20f)).isEqualTo((short) 0x3F81);
        assertThat(WeightQuantization.fromBf16((short) 0xC040)).isEqualTo(-3f);
        assertThat(Float.isNaN(WeightQuantization.fromBf16(WeightQuantization.toBf16(Float.NaN)))).isTrue();
        assertThat(WeightQuantization.fromBf16(WeightQuantization.toBf16(Float.POSITIVE_INFINITY))).isInfinite();
    }

    @Test
    void int8AndBf16ProductsMultiplyTheQuantisedValues() {
        Random r = new Random(2);
        Tensor x = random(r, 4, 19), w = random(r, 6, 19), b = random(r, 6);
        WeightQuantization.Int8 q = WeightQuantization.int8PerRow(w.data(), 0, 19, 6, 19, false);
        float[] want8 = byHand(x, 6, (j, i) -> (double) q.q()[j * 19 + i] * q.scales()[j], b);
        w.weightDType(WeightDType.INT8);
        float[] got8 = x.linear(w, b).toArray();
        for (int i = 0; i < want8.length; i++) {
            assertThat(got8[i]).isCloseTo(want8[i], within(1e-4f * (1 + Math.abs(want8[i]))));
        }
        short[] h = WeightQuantization.bf16(w.data(), 0, 19, 6, 19, false);
        float[] want16 = byHand(x, 6, (j, i) -> (double) WeightQuantization.fromBf16(h[j * 19 + i]), b);
        w.weightDType(WeightDType.BF16);
        float[] got16 = x.linear(w, b).toArray();
        for (int i = 0; i < want16.length; i++) {
            assertThat(got16[i]).isCloseTo(want16[i], within(1e-4f * (1 + Math.abs(want16[i]))));
        }
        // and both stay close to float32 (the accuracy cost is small on Gaussian weights)
        w.weightDType(WeightDType.FLOAT32);
        float[] exact = x.linear(w, b).toArray();
        for (int i = 0; i < exact.length; i++) {
            assertThat(got8[i]).isCloseTo(exact[i], within(0.1f));
            assertThat(got16[i]).isCloseTo(exact[i], within(0.1f));
        }
    }

    @Test
    void conv1dLayoutGivesTheSameProduct() {
        Random r = new Random(3);
        Tensor x = random(r, 3, 5), w = random(r, 4, 5), b = random(r, 4);
        Tensor wt = w.transpose(0, 1).contiguous();                 // [in, out]
        for (WeightDType d : WeightDType.values()) {
            w.weightDType(d);
            wt.weightDType(d);
            assertThat(x.linearInOut(wt, b).toArray()).as(d.label()).containsExactly(x.linear(w, b).toArray());
        }
    }

    @Test
    void theCacheIsDroppedWhenTheWeightCanChange() {
        Random r = new Random(4);
        Tensor x = random(r, 2, 3), b = Tensor.zeros(2);
        Tensor w = Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3).weightDType(WeightDType.INT8);
        float[] before = x.linear(w, b).toArray();
        w.set(2f, 0, 0);                                            // set() drops the prepared form
        float[] after = x.linear(w, b).toArray();
        assertThat(after[0]).isCloseTo(2 * before[0], within(1e-5f + 0.02f * Math.abs(before[0])));
        w.data()[4] = 3f;                                           // a raw write needs weightChanged()
        w.weightChanged();
        assertThat(x.linear(w, b).toArray()[1]).isCloseTo(3 * before[1], within(1e-5f + 0.03f * Math.abs(before[1])));
        // while a weight trains, it is multiplied as float32 and a step is seen at once
        w.requiresGrad(true);
        w.data()[0] = 5f;
        assertThat(x.linear(w, b).toArray()[0]).isEqualTo(5 * x.get(0, 0));
    }

    @Test
    void aModuleTreeSwitchesItsLinearWeights() {
        Linear lin = new Linear(4, 2);
        lin.weightDType(WeightDType.BF16);
        assertThat(lin.weight().value().weightDType()).isEqualTo(WeightDType.BF16);
        lin.weightDType(WeightDType.FLOAT32);
        assertThat(lin.weight().value().weightDType()).isEqualTo(WeightDType.FLOAT32);
    }

    @Test
    void dtypeNamesParseAndAnUnknownOneIsNamed() {
        assertThat(WeightDType.parse("bfloat16")).isEqualTo(WeightDType.BF16);
        assertThat(WeightDType.parse("FP32")).isEqualTo(WeightDType.FLOAT32);
        assertThat(WeightDType.parse("int8")).isEqualTo(WeightDType.INT8);
        assertThatThrownBy(() -> WeightDType.parse("int4"))
                .hasMessage("dtype: expected one of float32, int8, bf16 but was 'int4'");
    }
}
