package dev.transformers4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the figures were measured on: the CPU model (from {@code /proc/cpuinfo}), the cores the JVM sees,
 * the JDK, the width of the Vector API's preferred float species (0 when the incubator module is absent),
 * and the 1-minute load average when the run started (−1 when unknown): other work on the machine.
 */
record MachineInfo(String cpu, int cores, String jdk, int vectorFloats, double loadAverage) {

    static MachineInfo detect() {
        return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor", "?") + " " + Runtime.version(), preferredVectorFloats(),
                loadAverage1());
    }

    /** Whether other processes were keeping the cores busy (a load average above half the cores). */
    boolean busy() {
        return loadAverage > cores * 0.5;
    }

    /** One line: {@code AMD EPYC (family 26, model 2), 2 cores, JDK Eclipse Adoptium 25+36-LTS, vector species 16 floats (512-bit)}. */
    String describe() {
        String vector = vectorFloats == 0 ? "Vector API not available"
                : String.format(Locale.ROOT, "vector species %d floats (%d-bit)", vectorFloats, vectorFloats * 32);
        String load = loadAverage < 0 ? "" : String.format(Locale.ROOT, ", load average %.2f", loadAverage);
        return String.format(Locale.ROOT, "%s, %d cores, JDK %s, %s%s", cpu, cores, jdk, vector, load);
    }

    private static double loadAverage1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try {
            String name = null;
            String family = null;
            String model = null;
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("model name") && name == null) {
                    name = value;
                } else if (key.equals("cpu family") && family == null) {
                    family = value;
                } else if (key.equals("model") && model == null) {
                    model = value;
                }
            }
            if (name == null) {
                return System.getProperty("os.arch");
            }
            return family == null ? name : name + " (family " + family + ", model " + model + ")";
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
        }
    }

    /**
     * {@code FloatVector.SPECIES_PREFERRED.length()}, read reflectively: the Vector API stays inside the simd
     * module, and this module must run (and report 0) without {@code --add-modules jdk.incubator.vector}.
     */
    private static int preferredVectorFloats() {
        try {
            Object species = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
            return (Integer) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("length").invoke(species);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }
}
