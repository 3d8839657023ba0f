package dev.transformers4j.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The line chart as SVG (its structure) and PNG (its size), written in the format its file's extension names. */
class LineChartTest {

    static final Series TRAIN = new Series("train loss", new double[] {1, 2, 3, 4}, new double[] {4, 3.5, Double.NaN,
        2.9}, ColorScale.series(0));
    static final Series EVAL = new Series("eval <loss>", new double[] {2, 4}, new double[] {3.6, 3.1},
            ColorScale.series(1));
    static final LineChart CHART = new LineChart("Loss over 4 steps", Axis.linear("step"), Axis.linear("loss"),
            List.of(TRAIN, EVAL));

    @Test
    void svgHasOneLinePerSeriesADotPerDrawnPointAndTheLegend() throws Exception {
        Document doc = parse(CHART.toSvg());
        NodeList lines = doc.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(3);      // NaN left out
        assertThat(((Element) lines.item(0)).getAttribute("stroke")).isEqualTo("#1f77b4");
        assertThat(((Element) lines.item(1)).getAttribute("stroke")).isEqualTo("#ff7f0e");
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(3 + 2);
        assertThat(texts(doc)).contains("Loss over 4 steps", "step", "loss", "train loss", "eval <loss>", "3.0");
        assertThat(CHART.toSvg()).startsWith("<svg").endsWith("</svg>\n");
    }

    @Test
    void manyPointsAreDrawnWithoutDotsAndUnnamedSeriesStayOutOfTheLegend() throws Exception {
        double[] y = new double[61];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 5.0);
        }
        LineChart chart = new LineChart("", Axis.linear(""), Axis.linear(""),
                List.of(Series.of("", y, ColorScale.series(2))), 300, 200);
        Document doc = parse(chart.toSvg());
        assertThat(doc.getElementsByTagName("circle").getLength()).isZero();
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(texts(doc)).doesNotContain("").contains("0", "60", "-1.0", "1.0");
    }

    @Test
    void aLogAxisLeavesOutValuesAtOrBelowZero() throws Exception {
        Series s = new Series("lr", new double[] {0, 1, 2, 3}, new double[] {0, 1e-4, 1e-3, -1}, ColorScale.series(0));
        LineChart chart = new LineChart("lr", Axis.linear("step"), Axis.log("lr"), List.of(s));
        Document doc = parse(chart.toSvg());
        assertThat(((Element) doc.getElementsByTagName("polyline").item(0)).getAttribute("points").split(" "))
                .hasSize(2);
        assertThat(texts(doc)).contains("0.0001", "0.001");
        assertThatThrownBy(() -> Axis.log("lr").withZero()).hasMessageContaining("a log axis can neither reach 0");
    }

    @Test
    void pngHasTheChartsSize() throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(CHART.toPng()));
        assertThat(png.getWidth()).isEqualTo(LineChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(LineChart.HEIGHT);
        assertThat(png.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void writesTheFormatTheExtensionNames(@TempDir Path tmp) throws Exception {
        CHART.write(tmp.resolve("loss.svg"));
        CHART.write(tmp.resolve("plots/loss.PNG"));
        assertThat(Files.readString(tmp.resolve("loss.svg"))).startsWith("<svg");
        assertThat(ImageIO.read(tmp.resolve("plots/loss.PNG").toFile()).getWidth()).isEqualTo(720);
        assertThat(Files.list(tmp.resolve("plots"))).containsExactly(tmp.resolve("plots/loss.PNG"));
        assertThatThrownBy(() -> CHART.write(tmp.resolve("loss.pdf")))
                .hasMessage(tmp.resolve("loss.pdf") + ": unknown extension '.pdf' (expected .png, .svg)");
        assertThatThrownBy(() -> new LineChart("t", Axis.linear("x"), Axis.linear("y"), List.of(), 50, 300))
                .hasMessageContaining("too small");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
