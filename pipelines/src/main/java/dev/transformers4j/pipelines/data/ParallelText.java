package dev.transformers4j.pipelines.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parallel corpus as two line-aligned UTF-8 files (Moses / fairseq / Multi30k layout: {@code train.en} and
 * {@code train.de}): line i of the target file translates line i of the source file.
 *
 * @param source the source sentences, one per line
 * @param target the target sentences, {@code target.get(i)} translating {@code source.get(i)}
 */
public record ParallelText(List<String> source, List<String> target) {

    public ParallelText {
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("parallel text: " + source.size() + " source but " + target.size()
                    + " target sentences");
        }
        source = List.copyOf(source);
        target = List.copyOf(target);
    }

    /**
     * Reads both files as strict UTF-8 ({@link TextFiles#read}); a final line break ends the last line, it does
     * not start an empty one, and {@code \r\n} counts as one line break.
     *
     * @throws DataFileException when a file is missing or not UTF-8, or when the line counts differ: it names
     *                           both files, both counts and the first line without a partner
     */
    public static ParallelText read(Path sourceFile, Path targetFile) {
        List<String> src = lines(TextFiles.read(sourceFile));
        List<String> tgt = lines(TextFiles.read(targetFile));
        if (src.size() != tgt.size()) {
            boolean sourceLonger = src.size() > tgt.size();
            int first = Math.min(src.size(), tgt.size()) + 1;
            throw new DataFileException(sourceLonger ? sourceFile : targetFile, first, "the files are not"
                    + " line-aligned: " + sourceFile + " has " + src.size() + " lines but " + targetFile + " has "
                    + tgt.size() + " (" + Math.abs(src.size() - tgt.size()) + " more in "
                    + (sourceLonger ? sourceFile : targetFile) + "; line " + first + " has no partner)");
        }
        return new ParallelText(src, tgt);
    }

    /** The number of sentence pairs. */
    public int size() {
        return source.size();
    }

    /** The lines of a text: split at {@code \n}, a trailing {@code \r} removed, no line after a final break. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, end < 0 ? text.length() : end);
            out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = next;
        }
        return out;
    }
}
