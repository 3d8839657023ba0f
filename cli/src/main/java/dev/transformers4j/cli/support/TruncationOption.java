package dev.transformers4j.cli.support;

import dev.transformers4j.pipelines.TruncationPolicy;
import picocli.CommandLine.Option;

/**
 * What to do with a text longer than the model takes, one spelling for every command that reads texts: cut it, with
 * a warning ({@code --truncation}, HF's {@code truncation=True}), or refuse it ({@code --no-truncation}). Each
 * command keeps its default, which its help states: the embedding and classification commands cut, translation
 * refuses (as HF's translation pipeline does). {@code --truncate} is translation's older spelling.
 */
public abstract class TruncationOption {

    private static final String SWITCH = "Cut a text longer than the model takes, with a warning (HF's"
            + " truncation=True), or refuse it (--no-truncation).";

    /** The switch as given; null when neither spelling was. */
    public Boolean truncation;

    /** The policy given, or the default when neither spelling was. */
    public TruncationPolicy policy(boolean cutByDefault) {
        boolean cut = truncation != null ? truncation : cutByDefault;
        return cut ? TruncationPolicy.TRUNCATE : TruncationPolicy.ERROR;
    }

    /** {@code embed}, {@code similarity}, {@code classify}: cut unless {@code --no-truncation}. */
    public static final class CutByDefault extends TruncationOption {
        @Option(names = "--truncation", negatable = true, description = SWITCH + " Default: cut.")
        public void set(boolean cut) {
            truncation = cut;
        }

        public TruncationPolicy policy() {
            return policy(true);
        }
    }

    /** {@code translate}: refused unless {@code --truncation}. */
    public static final class RefuseByDefault extends TruncationOption {
        @Option(names = {"--truncation", "--truncate"}, negatable = true, description = SWITCH + " Default: refuse.")
        public void set(boolean cut) {
            truncation = cut;
        }

        public TruncationPolicy policy() {
            return policy(false);
        }
    }

    /** {@code evaluate}: as {@code classify} for {@code --input}, as {@code translate} for {@code --src}. */
    public static final class ByTask extends TruncationOption {
        @Option(names = {"--truncation", "--truncate"}, negatable = true,
                description = SWITCH + " Default: cut for --input, refuse for --src.")
        public void set(boolean cut) {
            truncation = cut;
        }
    }
}
