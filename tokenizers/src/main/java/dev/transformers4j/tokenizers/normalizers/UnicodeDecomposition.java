package dev.transformers4j.tokenizers.normalizers;

import dev.transformers4j.tokenizers.text.NormalizedString;
import java.text.Normalizer.Form;

/**
 * HF's {@code NFD} and {@code NFKD} normalizers. (NFC/NFKC recompose with alignment rules that need
 * canonical combining classes, which Java does not expose; they are not supported yet.)
 */
public record UnicodeDecomposition(Form form) implements Normalizer {
    public UnicodeDecomposition {
        if (form != Form.NFD && form != Form.NFKD) {
            throw new IllegalArgumentException("only NFD and NFKD are supported, not " + form);
        }
    }

    @Override
    public void normalize(NormalizedString text) {
        text.decompose(form);
    }
}
