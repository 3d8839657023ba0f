package dev.transformers4j.server;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code t4j serve} was asked for.
 *
 * @param host      the address to listen on ({@code 127.0.0.1}: this machine only)
 * @param port      the port; 0 = any free port
 * @param modelDirs model folders offered beside the built-in models ({@code --model DIR}, repeatable)
 */
public record ExplorerSettings(String host, int port, List<Path> modelDirs) {

    public static final String LOOPBACK = "127.0.0.1";

    public ExplorerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host: expected an address such as 127.0.0.1 but was empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: expected 0..65535 (0 = any free port) but was " + port);
        }
        modelDirs = List.copyOf(modelDirs);
    }

    /** Loopback, any free port, no extra folders (tests). */
    public static ExplorerSettings anyPort(List<Path> modelDirs) {
        return new ExplorerSettings(LOOPBACK, 0, modelDirs);
    }
}
