package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.models.testing.TorchBin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile and broken checkpoints: each is refused with one message naming the file and what is wrong. */
class PyTorchCheckpointErrorsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "evil-os-system.bin      | os.system",
        "evil-stack-global.bin   | os.system",
        "evil-inst.bin           | os.system",
        "evil-builtins-eval.bin  | builtins.eval",
        "evil-getattr.bin        | __builtin__.getattr",
        "evil-reduce-storage.bin | a call of torch.FloatStorage",
    })
    void aPickleAskingForAnythingButTensorsIsRefused(String fixture, String asked) {
        Path file = TorchBin.file(fixture);
        assertThatThrownBy(() -> PyTorchCheckpoint.open(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": refuses to load: the pickle asks for " + asked
                        + "; only tensor storages are allowed (PyTorch weights_only)");
    }

    @Test
    void aTruncatedZipIsNamedAsSuch() throws IOException {
        byte[] whole = Files.readAllBytes(TorchBin.file("tiny.bin"));
        Path cut = tmp.resolve("pytorch_model.bin");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> PyTorchCheckpoint.open(cut)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(cut + ": is a truncated or damaged zip archive (");   // (the JDK's reason)
    }

    @Test
    void aZipWithoutDataPklIsNotACheckpoint() throws IOException {
        Path f = zip("archive/version", "3\n", "archive/data/0", "0000");
        assertRefused(f, "has no archive/data.pkl: not a checkpoint written by torch.save");
    }

    @Test
    void aTorchScriptArchiveIsNamed() throws IOException {
        Path f = zip("model/constants.pkl", "x", "model/code/__torch__.py", "def f(): pass\n");
        assertRefused(f, "is a TorchScript archive (torch.jit.save), not a state dict saved by torch.save");
    }

    @Test
    void entriesOutsideOneTopFolderAreRefused() throws IOException {
        Path f = zip("a/data.pkl", "x", "b/version", "3\n");
        assertRefused(f, "expected a zip archive with one top folder, as torch.save writes, but its entries start"
                + " with [a, b]");
    }

    @Test
    void aMissingStorageFileIsNamed() {
        assertRefused(TorchBin.file("missing-storage.bin"),
                "storage 'data/3' is missing from the archive (the pickle refers to it)");
    }

    @Test
    void aTensorPastTheEndOfItsStorageIsNamed() {
        assertRefused(TorchBin.file("past-end.bin"), "tensor 'w' (shape [2, 2], stride [2, 1], offset 1 of storage"
                + " 'data/0') reaches past the end of its storage, which holds 3 F32 elements");
    }

    @Test
    void aTruncatedPickleIsNamed() throws IOException {
        byte[] pkl = Files.readAllBytes(TorchBin.file("values-protocol2.pkl"));
        Path f = zip("archive/data.pkl", Arrays.copyOf(pkl, 40));
        assertThatThrownBy(() -> PyTorchCheckpoint.open(f)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(f + ": archive/data.pkl is not a valid pickle at byte ")
                .hasMessageContaining("truncated");
    }

    @Test
    void aPickleOfSomethingElseThanAStateDictIsNamed() throws IOException {
        Path f = zip("archive/data.pkl", Files.readAllBytes(TorchBin.file("values-protocol2.pkl")));
        assertRefused(f, "entry 'float' holds a float: expected a state dict (a dict of name → tensor) as"
                + " model.state_dict() returns");
    }

    @Test
    void theLegacyFormatIsRefusedWithTheWayToConvertIt() {
        assertRefused(TorchBin.file("legacy.bin"), "is in PyTorch's legacy format (torch.save before PyTorch 1.6),"
                + " which t4j does not read; re-save it with a current PyTorch: "
                + "torch.save(torch.load(f, weights_only=True), f)");
    }

    @Test
    void bigEndianTensorsAreRefused() {
        assertRefused(TorchBin.file("big-endian.bin"), "stores big-endian tensors (byteorder 'big'); t4j reads"
                + " little-endian checkpoints only: load and re-save it with PyTorch on an x86 or ARM machine");
    }

    @Test
    void aFileThatIsNotAZipIsNamed() throws IOException {
        Path f = tmp.resolve("pytorch_model.bin");
        Files.writeString(f, "version https://git-lfs.github.com/spec/v1\n");
        assertRefused(f, "is not a PyTorch checkpoint: expected a zip archive, as torch.save writes since PyTorch 1.6");
        assertThat(PyTorchCheckpoint.looksLikePyTorch(f)).isFalse();
        assertThat(PyTorchCheckpoint.looksLikePyTorch(TorchBin.file("legacy.bin"))).isTrue();
    }

    @Test
    void aMissingFileIsNamed() {
        assertRefused(tmp.resolve("nope.bin"), "file not found");
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> PyTorchCheckpoint.open(file)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": " + message);
    }

    /** A zip of (name, text) pairs. */
    private Path zip(String... namesAndTexts) throws IOException {
        Object[] pairs = new Object[namesAndTexts.length];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = i % 2 == 0 ? namesAndTexts[i] : namesAndTexts[i].getBytes(StandardCharsets.UTF_8);
        }
        return zipOf(pairs);
    }

    private Path zip(String name, byte[] data) throws IOException {
        return zipOf(name, data);
    }

    private Path zipOf(Object... namesAndBytes) throws IOException {
        Path f = Files.createTempFile(tmp, "ckpt", ".bin");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                z.write((byte[]) namesAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return f;
    }
}
