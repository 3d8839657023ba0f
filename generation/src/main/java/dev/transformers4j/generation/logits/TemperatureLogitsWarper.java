package dev.transformers4j.generation.logits;

/**
 * HF's {@code TemperatureLogitsWarper}: {@code scores / temperature}. Below 1 sharpens the distribution
 * (towards greedy), above 1 flattens it.
 */
public final class TemperatureLogitsWarper implements LogitsProcessor {

    private final float temperature;

    public TemperatureLogitsWarper(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0 but was " + temperature);
        }
        this.temperature = (float) temperature;
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        for (int i = offset; i < offset + vocab; i++) {
            scores[i] = scores[i] / temperature;
        }
    }
}
