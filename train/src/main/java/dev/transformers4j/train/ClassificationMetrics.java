package dev.transformers4j.train;

import java.util.Set;
import java.util.TreeSet;

/** Accuracy and macro-F1 of predicted against true class indices, as scikit-learn computes them. */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /** The fraction of predictions equal to the label. */
    public static double accuracy(int[] predicted, int[] gold) {
        check(predicted, gold);
        int right = 0;
        for (int i = 0; i < gold.length; i++) {
            right += predicted[i] == gold[i] ? 1 : 0;
        }
        return (double) right / gold.length;
    }

    /**
     * The unweighted mean over classes of {@code F1_c = 2·TP_c / (2·TP_c + FP_c + FN_c)}, over the classes that
     * occur in {@code gold} or {@code predicted} ({@code f1_score(average="macro")}, zero_division 0).
     */
    public static double macroF1(int[] predicted, int[] gold) {
        check(predicted, gold);
        Set<Integer> classes = new TreeSet<>();
        for (int i = 0; i < gold.length; i++) {
            classes.add(gold[i]);
            classes.add(predicted[i]);
        }
        double sum = 0;
        for (int c : classes) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < gold.length; i++) {
                boolean p = predicted[i] == c;
                boolean g = gold[i] == c;
                tp += p && g ? 1 : 0;
                fp += p && !g ? 1 : 0;
                fn += !p && g ? 1 : 0;
            }
            sum += 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        }
        return sum / classes.size();
    }

    private static void check(int[] predicted, int[] gold) {
        if (predicted.length != gold.length || gold.length == 0) {
            throw new IllegalArgumentException("metrics need as many predictions as labels (at least one) but got "
                    + predicted.length + " predictions and " + gold.length + " labels");
        }
    }
}
