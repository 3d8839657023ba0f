package dev.transformers4j.pipelines.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A parallel corpus: line i of {@code target} translates line i of {@code source} (Moses-style plain-text files, as
 * sacreBLEU and Marian read them).
 *
 * @param source the source texts
 * @param target the target texts, as many
 */
public record ParallelText(List<String> source, List<String> target) {

    public ParallelText {
        source = List.copyOf(source);
        target = List.copyOf(target);
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("parallel text: " + source.size() + " source texts but "
                    + target.size() + " target texts");
        }
    }

    /**
     * Reads two line-aligned UTF-8 files ({@link TextLines}). Files of different lengths are a
     * {@link DataFileException} at the first line of the longer file that has no partner, naming both files.
     */
    public static ParallelText read(Path sourceFile, Path targetFile) {
        List<String> source = TextLines.read(sourceFile);
        List<String> target = TextLines.read(targetFile);
        if (source.size() != target.size()) {
            boolean sourceLonger = source.size() > target.size();
            Path longer = sourceLonger ? sourceFile : targetFile;
            Path shorter = sourceLonger ? targetFile : sourceFile;
            int longN = Math.max(source.size(), target.size());
            int shortN = Math.min(source.size(), target.size());
            throw new DataFileException(longer, shortN + 1, String.format(Locale.ROOT,
                    "%s has %,d lines but %s has %,d: the files must be line-aligned", longer, longN, shorter, shortN));
        }
        return new ParallelText(source, target);
    }

    /** The number of sentence pairs. */
    public int size() {
        return source.size();
    }
}
