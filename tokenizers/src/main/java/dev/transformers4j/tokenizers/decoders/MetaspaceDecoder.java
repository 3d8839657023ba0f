package dev.transformers4j.tokenizers.decoders;

import dev.transformers4j.tokenizers.pretokenizers.Metaspace.PrependScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's {@code Metaspace} decoder, the way back from the {@code Metaspace} pre-tokenizer: every
 * {@code replacement} ({@code ▁}) becomes a space, except in the first token, where (unless nothing
 * was prepended, {@code NEVER}) it is dropped — all of them there, as HF does.
 */
public record MetaspaceDecoder(int replacement, PrependScheme prependScheme) implements Decoder {

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder sb = new StringBuilder(tokens.get(i).length());
            boolean first = i == 0 && prependScheme != PrependScheme.NEVER;
            tokens.get(i).codePoints().forEach(cp -> {
                if (cp != replacement) {
                    sb.appendCodePoint(cp);
                } else if (!first) {
                    sb.append(' ');
                }
            });
            out.add(sb.toString());
        }
        return out;
    }
}
