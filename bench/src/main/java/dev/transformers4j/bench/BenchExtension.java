package dev.transformers4j.bench;

import dev.transformers4j.cli.Main;

/** Adds {@code t4j bench} to the command-line tool (found by {@link java.util.ServiceLoader}). */
public final class BenchExtension implements Main.Extension {

    @Override
    public Object command() {
        return new BenchCommand();
    }
}
