package dev.transformers4j.pipelines;

import java.util.List;

/**
 * The texts the parity tests feed to both our model and ONNX Runtime: one word up to ~60 tokens, with
 * punctuation, digits and accents; Chinese (and a mixed Chinese/English text) for bge-small-zh.
 */
final class TestTexts {

    private static final List<String> ENGLISH = List.of(
            "Hello",
            "A man is playing a guitar.",
            "The café on Rue Saint-Honoré serves crème brûlée — naïve, isn't it?",
            "Don't panic: it's 3.14 o'clock (roughly), and the U.S.A.'s #1 tool costs $9.99!",
            "In 1905, Albert Einstein published four papers on the photoelectric effect, Brownian motion, special "
                    + "relativity and the equivalence of mass and energy; more than a century later, students (and "
                    + "their teachers!) still ask why the world took so long to notice.");

    // English words in lower case: bge-small-zh's tokenizer does not lower-case (BAAI's do_lower_case is false)
    // and its vocabulary has no capital Latin letters, so "Java" would be [UNK], as in HF
    private static final List<String> CHINESE = List.of(
            "你好",
            "今天天气很好，我们去公园散步吧。",
            "我在用 java 25 写一个 transformer 模型，它比 python 版本快吗？",
            "机器学习（machine learning）是人工智能的一个分支，bert 模型于 2018 年发布。",
            "北京是中华人民共和国的首都，也是全国的政治和文化中心。这座城市有三千多年的历史，"
                    + "故宫、天坛和长城每年吸引数以百万计的游客。");

    private static final String ENGLISH_LONG =
            "The Transformer, introduced in the 2017 paper \"Attention Is All You Need\", replaced recurrence with "
            + "self-attention: every token looks at every other token, weighs them by the softmax of scaled dot "
            + "products, and mixes their values. BERT (2018) kept only the encoder, trained it to fill in masked "
            + "words and to tell whether two sentences follow each other, and then fine-tuned it for "
            + "classification. Sentence-embedding models such as all-MiniLM-L6-v2 pool the token vectors — by their "
            + "mean, or by taking the first one — into one unit vector per text. Résumés, naïve cafés and coördinated "
            + "façades still tokenize fine once accents are stripped.";

    private static final String CHINESE_LONG =
            "二零一七年发表的论文《注意力就是你所需要的一切》提出了变换器模型，它用自注意力机制取代了循环神经网络："
            + "每个词都会关注句子中的所有其他词，用缩放点积的归一化指数函数给它们加权，再把它们的值混合起来。"
            + "句向量模型更进一步，把所有词向量汇聚成一个单位向量，两个向量夹角的余弦值就表示两段文字在语义上有多接近。";

    private TestTexts() {
    }

    static boolean isChinese(String model) {
        return model.equals(RealModels.BGE_ZH);
    }

    /** Five texts of mixed lengths, in the model's language. */
    static List<String> mixedLengths(String model) {
        return isChinese(model) ? CHINESE : ENGLISH;
    }

    /** A text of more than 128 tokens. */
    static String longText(String model) {
        return isChinese(model) ? CHINESE_LONG : ENGLISH_LONG;
    }
}
