package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code t4j serve} refuses to start with one line and exit code 2 (the explorer itself is tested in server). */
class ServeCliTest {

    @TempDir
    Path tmp;

    @Test
    void aPortInUseIsOneLine() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("serve", "--port", String.valueOf(busy.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("t4j serve: cannot listen on 127.0.0.1:" + busy.getLocalPort() + ": ")
                    .contains("in use").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void aFolderThatIsNotAModelAndABadPortAreOneLine() {
        CliRun folder = CliRun.of("serve", "--port", "0", "--model", tmp.toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err().strip()).isEqualTo("t4j serve: --model " + tmp + ": not a model folder (no config.json)");
        CliRun port = CliRun.of("serve", "--port", "99999");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err().strip()).isEqualTo("t4j serve: --port: expected 0..65535 (0 = any free port) but was 99999");
        CliRun host = CliRun.of("serve", "--host", "no-such-host.invalid", "--port", "0");
        assertThat(host.err().strip()).isEqualTo("t4j serve: --host no-such-host.invalid: unknown host");
    }
}
