/**
 * Evaluation metrics of generated text. {@link dev.transformers4j.train.metrics.Bleu} is BLEU (Papineni et al.,
 * 2002) exactly as sacreBLEU 2.x computes it: the mteval-v13a tokenizer, clipped n-gram counts, the brevity
 * penalty from the closest reference lengths, and NIST ('exp') smoothing.
 *
 * <pre>{@code
 * Bleu bleu = Bleu.corpus(translations, references);
 * bleu.score();      // 0–100, as sacreBLEU reports it
 * bleu.format();     // BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = 48.53 82.4/50.0/45.5/37.5 (BP = ...)
 * }</pre>
 */
package dev.transformers4j.train.metrics;
