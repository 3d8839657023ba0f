package dev.transformers4j.tokenizers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.text.BytesToUnicode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default translation recipe end to end, and what bad corpora give. */
class TokenizerTrainerTest {
    private static final List<String> TEXTS = List.of("A man in a red shirt.", "Ein Mann im roten Hemd.",
            "Two men are walking.", "Zwei Männer gehen.", "A dog runs.", "Ein Hund rennt.");

    @TempDir
    Path dir;

    /** Ids: specials 0-3, the 256 byte characters 4-259 in code point order, then the merges. */
    @Test
    void translationRecipeLayout() throws IOException {
        TrainedTokenizer trained = TokenizerTrainer.translation(300).trainFromTexts(TEXTS);
        List<String> vocab = trained.bpe().vocab();
        assertThat(vocab.subList(0, 4)).containsExactly("<pad>", "</s>", "<unk>", "<s>");
        assertThat(vocab.subList(4, 260)).isSorted().hasSize(256)
                .contains(String.valueOf(BytesToUnicode.charOf(' ')), String.valueOf(BytesToUnicode.charOf(0xFF)));
        assertThat(trained.vocabSize()).isEqualTo(300);
        assertThat(trained.bpe().merges()).hasSize(40);

        JsonNode root = new ObjectMapper().readTree(trained.json());
        assertThat(root.get("added_tokens")).hasSize(4);
        assertThat(root.get("added_tokens").get(1).toString()).isEqualTo("{\"id\":1,\"content\":\"</s>\","
                + "\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}");
        assertThat(root.get("pre_tokenizer").get("add_prefix_space").asBoolean()).isFalse();
        assertThat(root.get("model").get("unk_token").isNull()).isTrue();
        assertThat(root.get("model").get("merges").get(0).isArray()).isTrue();
    }

    /** Marian's template: {@code $A </s>} and {@code $A $B:1 </s>:1}; decoding gives back the text. */
    @Test
    void encodesWithEndOfSequenceAndDecodesLosslessly() {
        Tokenizer tokenizer = TokenizerTrainer.translation(400).trainFromTexts(TEXTS).tokenizer();
        String text = "Zwei Männer im Café 🤗\n";
        Encoding single = tokenizer.encode(text);
        assertThat(single.ids()[single.ids().length - 1]).isEqualTo(1);
        assertThat(tokenizer.encode(text, false).ids()).doesNotContain(1);
        assertThat(tokenizer.decode(single.ids(), true)).isEqualTo(text);
        Encoding pair = tokenizer.encodePair("A man.", "Ein Mann.");
        assertThat(pair.tokens()[pair.tokens().length - 1]).isEqualTo("</s>");
        assertThat(pair.typeIds()[0]).isZero();
        assertThat(pair.typeIds()[pair.typeIds().length - 1]).isEqualTo(1);
    }

    /** HF's behaviour: a vocabulary size below special tokens + alphabet merges nothing and keeps them all. */
    @Test
    void vocabSizeBelowTheAlphabetGivesTheAlphabet() {
        TrainedTokenizer trained = TokenizerTrainer.translation(100).trainFromTexts(TEXTS);
        assertThat(trained.vocabSize()).isEqualTo(260);
        assertThat(trained.bpe().merges()).isEmpty();
        assertThat(trained.tokenizer().decode(trained.tokenizer().encode("Hemd").ids(), true)).isEqualTo("Hemd");
    }

    @Test
    void whitespaceRecipeUsesUnknownAndPrefix() {
        BpeTrainer bpe = BpeTrainer.defaults().withVocabSize(80).withSpecialTokens(TokenizerTrainer.DEFAULT_SPECIAL_TOKENS);
        Tokenizer tokenizer = new TokenizerTrainer(TokenizerRecipe.WHITESPACE, true, bpe, "</s>").trainFromTexts(TEXTS)
                .tokenizer();
        Encoding e = tokenizer.encode("EIN MANN, ein hundmann qq!", false);
        assertThat(e.tokens()).contains("<unk>").anyMatch(t -> t.startsWith("##"));
        assertThat(tokenizer.decode(tokenizer.encode("ein mann rennt.").ids(), true)).isEqualTo("ein mann rennt.");
    }

    @Test
    void linesKeepTheirEndingsAndFilesAreCountedInOrder() throws IOException {
        Path a = write("a.txt", "\uFEFFab ab\r\nab\n".getBytes(StandardCharsets.UTF_8));
        Path b = write("b.txt", "cd".getBytes(StandardCharsets.UTF_8));
        WordCounts words = new WordCounter(null, null).countFiles(List.of(a, b));
        assertThat(words.sequences()).isEqualTo(3);
        assertThat(List.of(words.word(0), words.word(1), words.word(2))).containsExactly("ab ab\r\n", "ab\n", "cd");
    }

    @Test
    void emptyCorpusIsAnError() throws IOException {
        Path empty = write("empty.txt", new byte[0]);
        assertThatThrownBy(() -> TokenizerTrainer.translation(300).train(List.of(empty)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.txt")
                .hasMessageContaining("no words to learn from");
        Path blank = write("blank.txt", " \n\t\n".getBytes(StandardCharsets.UTF_8));
        BpeTrainer bpe = BpeTrainer.defaults().withSpecialTokens(List.of("</s>"));
        assertThatThrownBy(() -> new TokenizerTrainer(TokenizerRecipe.WHITESPACE, false, bpe, "</s>")
                .train(List.of(blank))).hasMessageContaining("blank.txt").hasMessageContaining("no words");
        assertThatThrownBy(() -> TokenizerTrainer.translation(300).train(List.of()))
                .hasMessageContaining("no corpus files");
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> TokenizerTrainer.translation(300).train(List.of(missing)))
                .isInstanceOf(CorpusFileException.class).hasMessage(missing + ": file not found");
        assertThatThrownBy(() -> TokenizerTrainer.translation(300).train(List.of(dir)))
                .isInstanceOf(CorpusFileException.class).hasMessageContaining("is a folder");
        Path latin1 = write("latin1.txt", new byte[] {'o', 'k', '\n', 'o', 'k', '\n', 'M', (byte) 0xE4, 'n', '\n'});
        assertThatThrownBy(() -> TokenizerTrainer.translation(300).train(List.of(latin1)))
                .isInstanceOf(CorpusFileException.class)
                .hasMessage(latin1 + ":3: not valid UTF-8 (byte 0xE4, byte 2 of the line)")
                .extracting(e -> ((CorpusFileException) e).line()).isEqualTo(3L);
    }

    @Test
    void endOfSequenceMustBeASpecialToken() {
        assertThatThrownBy(() -> new TokenizerTrainer(TokenizerRecipe.BYTE_LEVEL, false,
                BpeTrainer.defaults().withSpecialTokens(List.of("<pad>")), "</s>"))
                .hasMessageContaining("'</s>' is not one of the special tokens [<pad>]");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
