package dev.transformers4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The command list of {@code t4j --help} in groups a newcomer looks for: run a model, look inside one, train and
 * evaluate, benchmark. A command contributed by an extension and named in no group is listed under "Other".
 */
final class CommandGroups implements IHelpSectionRenderer {

    static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("Run a model", List.of("embed", "similarity", "classify", "generate", "translate", "forward", "convert"));
        g.put("Look inside", List.of("tokenize", "graph", "attention", "hidden-states", "next-token", "logit-lens",
                "gradients", "serve"));
        g.put("Train and evaluate", List.of("train", "evaluate", "average-checkpoints"));
        g.put("Benchmark", List.of("bench"));
        return g;
    }

    @Override
    public String render(Help help) {
        Map<String, Help> left = new LinkedHashMap<>(help.subcommands());
        left.remove("help");                                    // named in the footer
        int nameWidth = left.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder();
        GROUPS.forEach((heading, names) -> {
            Map<String, Help> group = new LinkedHashMap<>();
            names.stream().filter(left::containsKey).forEach(n -> group.put(n, left.remove(n)));
            out.append(section(help, heading, group, nameWidth));
        });
        return out.append(section(help, "Other", left, nameWidth)).toString();
    }

    /** {@code heading:} and one row per command, its summary wrapped beside the name as picocli lays it out. */
    private static String section(Help help, String heading, Map<String, Help> commands, int nameWidth) {
        if (commands.isEmpty()) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(), new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
                new Column(width - nameWidth - 2, 2, Column.Overflow.WRAP));
        commands.forEach((name, h) -> table.addRowValues(name, summary(h)));
        return "%n%s:%n".formatted(heading) + table;
    }

    /** The first line of the command's header, else of its description. */
    private static String summary(Help command) {
        var usage = command.commandSpec().usageMessage();
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return lines.length == 0 ? "" : lines[0];
    }
}
