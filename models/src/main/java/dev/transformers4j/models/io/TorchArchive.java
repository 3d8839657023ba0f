package dev.transformers4j.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The container {@code torch.save} writes since PyTorch 1.6: a zip archive whose one top folder (named after
 * the file, or {@code archive}) holds {@code data.pkl}, one {@code data/<key>} file of raw little-endian bytes
 * per storage, {@code version} and (since PyTorch 2.0) {@code byteorder}. Files from before 1.6 (a bare pickle
 * stream) and TorchScript archives are recognised and refused with what to do instead.
 */
final class TorchArchive implements AutoCloseable {

    /** The first bytes of a legacy file: protocol 2, LONG1 of 10 bytes, the magic number 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
        (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final long MAX_PICKLE = 256L << 20;

    private final Path file;
    private final ZipFile zip;
    private final String folder;

    private TorchArchive(Path file, ZipFile zip, String folder) {
        this.file = file;
        this.zip = zip;
        this.folder = folder;
    }

    /** True when the file starts as a PyTorch checkpoint does (a zip archive or the legacy magic number). */
    static boolean looksLikePyTorch(Path file) {
        byte[] head = head(file);
        return startsWith(head, ZIP_MAGIC) || startsWith(head, LEGACY_MAGIC);
    }

    /**
     * Opens the archive and checks its layout and byte order.
     *
     * @throws ModelFileException naming the file when it is missing, not a zip checkpoint, truncated or big-endian
     */
    static TorchArchive open(Path file) {
        byte[] head = head(file);
        if (startsWith(head, LEGACY_MAGIC)) {
            throw new ModelFileException(file, "is in PyTorch's legacy format (torch.save before PyTorch 1.6), which"
                    + " t4j does not read; re-save it with a current PyTorch: "
                    + "torch.save(torch.load(f, weights_only=True), f)");
        }
        if (!startsWith(head, ZIP_MAGIC)) {
            throw new ModelFileException(file, "is not a PyTorch checkpoint: expected a zip archive, as torch.save"
                    + " writes since PyTorch 1.6");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file, "is a truncated or damaged zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e, e);
        }
        try {
            TorchArchive archive = new TorchArchive(file, zip, topFolder(file, zip));
            archive.checkByteOrder();
            return archive;
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static String topFolder(Path file, ZipFile zip) {
        TreeSet<String> tops = new TreeSet<>();
        Collections.list(zip.entries()).forEach(e -> {
            int slash = e.getName().indexOf('/');
            tops.add(slash < 0 ? "" : e.getName().substring(0, slash));
        });
        if (tops.size() != 1 || tops.first().isEmpty()) {
            throw new ModelFileException(file, "expected a zip archive with one top folder, as torch.save writes,"
                    + " but its entries start with " + tops);
        }
        String folder = tops.first();
        if (zip.getEntry(folder + "/data.pkl") == null) {
            boolean script = zip.getEntry(folder + "/constants.pkl") != null || zip.getEntry(folder + "/code/") != null;
            throw new ModelFileException(file, script
                    ? "is a TorchScript archive (torch.jit.save), not a state dict saved by torch.save"
                    : "has no " + folder + "/data.pkl: not a checkpoint written by torch.save");
        }
        return folder;
    }

    private void checkByteOrder() {
        ZipEntry e = zip.getEntry(folder + "/byteorder");
        if (e == null) {
            return;                                   // before PyTorch 2.0: written on (little-endian) x86 or ARM
        }
        String order = new String(read(e, 0, (int) Math.min(e.getSize(), 16)), StandardCharsets.US_ASCII).strip();
        if (order.equals("big")) {
            throw new ModelFileException(file, "stores big-endian tensors (byteorder 'big'); t4j reads little-endian"
                    + " checkpoints only: load and re-save it with PyTorch on an x86 or ARM machine");
        }
        if (!order.equals("little")) {
            throw new ModelFileException(file, "byteorder is '" + order + "' (expected 'little')");
        }
    }

    /** The pickle {@code data.pkl}. */
    PickleInput pickle() {
        ZipEntry e = zip.getEntry(folder + "/data.pkl");
        if (e.getSize() < 0 || e.getSize() > MAX_PICKLE) {
            throw new ModelFileException(file, folder + "/data.pkl is " + e.getSize() + " bytes, more than a state"
                    + " dict's pickle ever needs (" + MAX_PICKLE + ")");
        }
        return new PickleInput(file, folder + "/data.pkl", read(e, 0, (int) e.getSize()));
    }

    /** The size in bytes of storage {@code key}, or -1 when the archive has none. */
    long storageBytes(String key) {
        ZipEntry e = key.contains("/") ? null : zip.getEntry(folder + "/data/" + key);
        return e == null || e.isDirectory() ? -1 : e.getSize();
    }

    /** {@code length} bytes of storage {@code key} from byte {@code begin} on. */
    byte[] storage(String key, long begin, int length) {
        return read(zip.getEntry(folder + "/data/" + key), begin, length);
    }

    private byte[] read(ZipEntry e, long begin, int length) {
        try (InputStream in = zip.getInputStream(e)) {
            in.skipNBytes(begin);
            byte[] out = in.readNBytes(length);
            if (out.length != length) {
                throw new ModelFileException(file, e.getName() + " is truncated (" + (begin + out.length)
                        + " bytes, " + (begin + length) + " expected)");
            }
            return out;
        } catch (java.io.EOFException ex) {
            throw new ModelFileException(file, e.getName() + " is truncated (fewer than " + begin + " bytes)");
        } catch (IOException ex) {
            throw new ModelFileException(file, "cannot read " + e.getName() + ": " + ex.getMessage(), ex);
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(LEGACY_MAGIC.length);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "file not found");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e, e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }
}
