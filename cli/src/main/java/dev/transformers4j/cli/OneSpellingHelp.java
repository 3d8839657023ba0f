package dev.transformers4j.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The usage help with one spelling per option: {@code @Option(names = {"--input", "--file"})} is shown as
 * {@code --input} (the first long name, and the short names), while {@code --file}, an older spelling kept so that
 * what issues and scripts wrote stays valid, still parses. picocli would list every name, shortest first.
 */
final class OneSpellingHelp extends Help {

    OneSpellingHelp(CommandSpec spec, ColorScheme colors) {
        super(spec, colors);
    }

    @Override
    public IOptionRenderer createDefaultOptionRenderer() {
        IOptionRenderer renderer = super.createDefaultOptionRenderer();
        return (option, labels, colors) -> renderer.render(shown(option), labels, colors);
    }

    @Override
    public Comparator<OptionSpec> createDefaultOptionSort() {
        Comparator<OptionSpec> sort = super.createDefaultOptionSort();
        return sort == null ? null : Comparator.comparing(OneSpellingHelp::shown, sort);
    }

    @Override
    protected Ansi.Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, List<OptionSpec> options,
                                                          Comparator<OptionSpec> sort, boolean clusterBooleans) {
        return super.createDetailedSynopsisOptionsText(done, options.stream().map(OneSpellingHelp::shown).toList(),
                sort, clusterBooleans);
    }

    /** The option as the help shows it: its short names and its first long name; the option itself if that is all. */
    static OptionSpec shown(OptionSpec option) {
        List<String> names = new ArrayList<>();
        boolean longName = false;
        for (String name : option.names()) {
            if (!name.startsWith("--") || !longName) {
                names.add(name);
                longName |= name.startsWith("--");
            }
        }
        if (names.size() == option.names().length) {
            return option;
        }
        OptionSpec shown = OptionSpec.builder(option).names(names.toArray(String[]::new)).build();
        CommandSpec.create().addOption(shown);              // the renderer reads settings of the option's command
        return shown;
    }
}
