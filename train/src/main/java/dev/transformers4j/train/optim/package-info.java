/**
 * Optimizers ({@link dev.transformers4j.train.optim.AdamW}, {@link dev.transformers4j.train.optim.SGD}) with
 * PyTorch's update rules, HF's weight-decay parameter groups, gradient-norm clipping, and learning-rate
 * schedules (HF's constant / warmup / linear / cosine and the paper's Eq. 3, §5.3).
 */
package dev.transformers4j.train.optim;
