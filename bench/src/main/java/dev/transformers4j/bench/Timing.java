package dev.transformers4j.bench;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.train.TrainingTask;
import dev.transformers4j.train.optim.Optimizer;
import java.util.Arrays;
import java.util.List;

/** Warms work up, then times repeats of it and keeps the median. */
final class Timing {

    private Timing() {
    }

    /**
     * The median wall time, in milliseconds, of each piece of work over {@code repeats} timed calls after
     * {@code warmup} untimed ones. The pieces take turns call by call, so a change in the machine's background
     * load during the measurement hits all of them alike.
     */
    static double[] interleavedMedianMillis(int warmup, int repeats, Runnable... work) {
        for (int i = 0; i < warmup; i++) {
            for (Runnable w : work) {
                w.run();
            }
        }
        double[][] ms = new double[work.length][Math.max(1, repeats)];
        for (int i = 0; i < ms[0].length; i++) {
            for (int j = 0; j < work.length; j++) {
                long start = System.nanoTime();
                work[j].run();
                ms[j][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[work.length];
        for (int j = 0; j < work.length; j++) {
            medians[j] = median(ms[j]);
        }
        return medians;
    }

    /**
     * The median wall seconds of one optimizer step — loss, backward, optimizer step, zero gradients — taking the
     * batches in turn; the model must already be in training mode with its parameters requiring gradients.
     */
    static <B> double trainStepSeconds(TrainingTask<B> task, List<B> batches, Optimizer optimizer, int warmup,
                                       int steps) {
        int[] calls = {0};
        Runnable step = () -> {
            Tensor loss = task.loss(batches.get(calls[0]++ % batches.size()));
            loss.backward();
            optimizer.step();
            optimizer.zeroGrad();
        };
        return interleavedMedianMillis(warmup, steps, step)[0] / 1e3;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
