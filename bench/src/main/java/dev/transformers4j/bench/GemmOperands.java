package dev.transformers4j.bench;

import java.util.Random;

/** Random operands of one product {@code C[m, n] = A[m, k]·B[n, k]ᵀ}, values in [-0.5, 0.5). */
record GemmOperands(float[] a, float[] b, float[] c) {

    static GemmOperands random(int m, int n, int k) {
        Random rnd = new Random(m * 31L + n * 7L + k);
        float[] a = new float[m * k];
        float[] b = new float[n * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        return new GemmOperands(a, b, new float[m * n]);
    }
}
