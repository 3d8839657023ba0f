package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.figures.Axis;
import dev.transformers4j.figures.ColorScale;
import dev.transformers4j.figures.LineChart;
import dev.transformers4j.figures.Series;
import dev.transformers4j.models.marian.MarianSinusoidalPositionalEmbedding;
import dev.transformers4j.train.optim.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour's pictures that no command draws are drawn here from the library's own code, and must equal the
 * committed files: a change to the code shows as a failing test. {@code -Dt4j.writeDocPictures=true} rewrites
 * them.
 */
class TourPicturesTest {

    /**
     * §3.5 as the Annotated Transformer draws it: d_model = 20, positions 0–99, the paper's dimensions 4–7 (sin and
     * cos of ω₂ = 10000^(−4/20) and ω₃ = 10000^(−6/20)); in Marian's table they are columns 2, 3 (sines) and 12, 13
     * (cosines).
     */
    @Test
    void positionalEncodings(@TempDir Path tmp) throws Exception {
        int width = 20;
        int positions = 100;
        Tensor pe = new MarianSinusoidalPositionalEmbedding(positions, width).table();       // [100, 20]
        int[] columns = {2, 12, 3, 13};
        String[] names = {"dim 4: sin(pos·ω₂)", "dim 5: cos(pos·ω₂)", "dim 6: sin(pos·ω₃)", "dim 7: cos(pos·ω₃)"};
        double[] x = new double[positions];
        for (int p = 0; p < positions; p++) {
            x[p] = p;
        }
        Series[] series = new Series[columns.length];
        for (int s = 0; s < columns.length; s++) {
            double[] y = new double[positions];
            for (int p = 0; p < positions; p++) {
                y[p] = pe.get(p, columns[s]);
            }
            series[s] = new Series(names[s], x, y, ColorScale.series(s));
        }
        LineChart chart = new LineChart("Positional encodings, d_model = 20 (§3.5)", Axis.linear("position"),
                Axis.linear("PE"), List.of(series));
        checkOrWrite(chart, tmp, "positional-encodings.svg");
    }

    /**
     * Eq. 3 as the Annotated Transformer draws it: {@link Schedule#noam} for (d_model, warmup) = (512, 4000),
     * (512, 8000) and (256, 4000), every 100th step up to 20,000.
     */
    @Test
    void learningRateSchedule(@TempDir Path tmp) throws Exception {
        int[][] settings = {{512, 4000}, {512, 8000}, {256, 4000}};
        int points = 200;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = 100.0 * (i + 1);
        }
        Series[] series = new Series[settings.length];
        for (int s = 0; s < settings.length; s++) {
            Schedule noam = Schedule.noam(settings[s][0], settings[s][1], 1.0);
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                y[i] = noam.lr((int) x[i] - 1);                                        // step_num n = s + 1
            }
            series[s] = new Series(settings[s][0] + " / " + settings[s][1], x, y, ColorScale.series(s));
        }
        LineChart chart = new LineChart("Eq. 3 (§5.3) for d_model / warmup_steps", Axis.linear("step"),
                Axis.linear("lrate"), List.of(series));
        checkOrWrite(chart, tmp, "noam-schedule.svg");
    }

    private static void checkOrWrite(LineChart chart, Path tmp, String name) throws Exception {
        Path committed = RepoDocs.root().resolve("docs/learn/img").resolve(name);
        if (Boolean.getBoolean("t4j.writeDocPictures")) {
            chart.write(committed);
        }
        Path drawn = tmp.resolve(name);
        chart.write(drawn);
        assertThat(committed).as(committed + " (regenerate with -Dt4j.writeDocPictures=true)").exists();
        assertThat(Files.readString(committed).replace("\r\n", "\n"))
                .as(committed + " differs from what the code draws (regenerate with -Dt4j.writeDocPictures=true)")
                .isEqualTo(Files.readString(drawn).replace("\r\n", "\n"));
    }
}
