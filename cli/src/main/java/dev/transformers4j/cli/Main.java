package dev.transformers4j.cli;

import dev.transformers4j.cli.inspect.AttentionCommand;
import dev.transformers4j.cli.inspect.GradientsCommand;
import dev.transformers4j.cli.inspect.GraphCommand;
import dev.transformers4j.cli.inspect.HiddenStatesCommand;
import dev.transformers4j.cli.inspect.LogitLensCommand;
import dev.transformers4j.cli.inspect.NextTokenCommand;
import dev.transformers4j.cli.inspect.ServeCommand;
import dev.transformers4j.cli.inspect.TokenizeCommand;
import dev.transformers4j.cli.run.ClassifyCommand;
import dev.transformers4j.cli.run.ConvertCommand;
import dev.transformers4j.cli.run.EmbedCommand;
import dev.transformers4j.cli.run.ForwardCommand;
import dev.transformers4j.cli.run.GenerateCommand;
import dev.transformers4j.cli.run.SimilarityCommand;
import dev.transformers4j.cli.run.TranslateCommand;
import dev.transformers4j.cli.train.AverageCheckpointsCommand;
import dev.transformers4j.cli.train.EvaluateCommand;
import dev.transformers4j.cli.train.TrainCommand;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * {@code t4j}: the transformers4j command-line tool. Without a command it prints its help, the commands in groups.
 * Errors are one line on standard error with exit code 2 (a mistyped command or option adds picocli's "did you
 * mean"); {@code --debug} adds the stack trace.
 */
@Command(name = "t4j", mixinStandardHelpOptions = true, version = "transformers4j 0.1.0",
        description = "Transformers in pure Java: run Hugging Face-layout models from the command line.",
        footer = {"", "'t4j help COMMAND' or 't4j COMMAND --help' shows a command's options.",
                "Datasets of the README's examples: docs/data.md."},
        subcommands = {EmbedCommand.class, SimilarityCommand.class, TokenizeCommand.class, ConvertCommand.class,
                ForwardCommand.class, GenerateCommand.class, GradientsCommand.class,
                ClassifyCommand.class, EvaluateCommand.class, TranslateCommand.class, TrainCommand.class,
                AverageCheckpointsCommand.class, GraphCommand.class, AttentionCommand.class, HiddenStatesCommand.class,
                NextTokenCommand.class, LogitLensCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    /** Extra subcommands contributed by other modules (the benchmarks). */
    public interface Extension {
        Object command();
    }

    static {
        // slf4j-simple: short "WARN message" lines on standard error
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("t4j.log", System.getenv().getOrDefault("T4J_LOG", "info")));
    }

    /** {@code t4j} alone: the help, as {@code t4j --help}. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams and returns its exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        for (Extension e : ServiceLoader.load(Extension.class)) {
            cli.addSubcommand(e.command());
        }
        if (!cli.getSubcommands().containsKey("bench")) {
            cli.addSubcommand(new BenchLauncherCommand());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setHelpFactory(OneSpellingHelp::new);
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandGroups());
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean debug = parsed.matchedOption("--debug") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--debug") != null);
            line.getErr().println(commandPath(line) + ": " + message(ex));
            if (debug) {
                ex.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return 2;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("t4j: " + ex.getMessage());
            if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                e.println("Did you mean " + String.join(" or ", u.getSuggestions().stream().limit(3).toList()) + "?");
            }
            e.println("Try '" + commandPath(ex.getCommandLine()) + " --help'.");
            return 2;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code t4j train causal-lm}: the command as typed, from the top. */
    static String commandPath(CommandLine line) {
        StringBuilder path = new StringBuilder(line.getCommandName());
        for (CommandLine p = line.getParent(); p != null; p = p.getParent()) {
            path.insert(0, p.getCommandName() + " ");
        }
        return path.toString();
    }

    private static String message(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof OutOfMemoryError) {
            return "out of memory (raise it with T4J_JAVA_OPTS=-Xmx8g)";
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
