package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.cli.support.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress on a standard error that is not a terminal: log lines, never the bar's {@code \r} redraws. */
class ProgressTest {

    @Test
    void withoutATerminalProgressIsOneLogLinePerTenth() {
        String logged = capture(() -> {
            try (Progress p = new Progress("evaluate", 1000, false)) {
                for (int done = 32; done <= 1000; done += 32) {
                    p.progress(done, 1000);
                }
                p.progress(1000, 1000);
            }
        });
        assertThat(logged).doesNotContain("\r");
        assertThat(logged.lines().toList()).hasSize(10).allMatch(l -> l.matches(".*evaluate: \\d+/1000 texts"));
        assertThat(logged.lines().toList().getFirst()).endsWith("evaluate: 128/1000 texts");
        assertThat(logged.lines().toList().getLast()).endsWith("evaluate: 1000/1000 texts");
        assertThat(capture(() -> {
            try (Progress p = new Progress("evaluate", 63, false)) {
                p.progress(63, 63);
            }
        })).as("short inputs show nothing").isEmpty();
    }

    private static String capture(Runnable run) {
        PrintStream real = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(real);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
