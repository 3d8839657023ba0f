package dev.transformers4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ./t4j ...} lines of a markdown file's {@code ```bash} blocks, with the key lines of the
 * {@code ```text} block that follows (when one does): what the document promises the command prints.
 */
final class DocCommands {

    /** One documented command: where it is, its arguments, and the lines its output must contain. */
    record Command(Path file, int line, String text, List<String> args, List<String> expected) {
    }

    private DocCommands() {
    }

    /** Every {@code ./t4j} command of {@code markdown}, in order; a line ending in {@code \} continues. */
    static List<Command> parse(Path file, String markdown) {
        List<Command> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        List<Command> block = new ArrayList<>();
        String fence = null;
        List<String> body = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (fence == null && l.startsWith("```")) {
                fence = l.substring(3).strip();
                body.clear();
                start = i + 1;
            } else if (fence != null && l.equals("```")) {
                if (fence.equals("bash")) {
                    block = commands(file, start, body);
                    out.addAll(block);
                } else if (fence.equals("text") && !block.isEmpty()) {
                    Command last = block.getLast();
                    out.set(out.lastIndexOf(last), new Command(last.file(), last.line(), last.text(), last.args(),
                            expectedLines(body)));
                    block = List.of();
                } else {
                    block = List.of();
                }
                fence = null;
            } else if (fence != null) {
                body.add(lines[i]);
            } else if (!l.isEmpty()) {
                block = List.of();                                   // prose between: the text block is not output
            }
        }
        return out;
    }

    private static List<Command> commands(Path file, int firstLine, List<String> body) {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String l = body.get(i).strip();
            if (!l.startsWith("./t4j ")) {
                continue;
            }
            int line = firstLine + i + 1;
            StringBuilder text = new StringBuilder();
            while (l.endsWith("\\") && i + 1 < body.size()) {
                text.append(l, 0, l.length() - 1).append(' ');
                l = body.get(++i).strip();
            }
            text.append(l);
            String command = text.toString().replaceFirst("\\s+#.*$", "");   // a trailing comment
            out.add(new Command(file, line, command, words(command.substring("./t4j ".length())), List.of()));
        }
        return out;
    }

    private static List<String> expectedLines(List<String> body) {
        return body.stream().map(l -> squeeze(l).replaceFirst("\\s*(…|\\.\\.\\.)$", ""))
                .filter(l -> !l.isEmpty()).toList();
    }

    /** Runs of white space as one space, trimmed: column alignment is not part of the promise. */
    static String squeeze(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** Shell words: white space separates, '…' and "…" quote (no escapes inside single quotes). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    w.append(s.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + s);
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }
}
