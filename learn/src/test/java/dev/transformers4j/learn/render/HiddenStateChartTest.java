package dev.transformers4j.learn.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.learn.HiddenStateStats;
import dev.transformers4j.learn.Token;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The hidden-state chart: a decodable PNG of its size, a well-formed SVG with one x label per hidden state. */
class HiddenStateChartTest {

    static final HiddenStateStats STATS = new HiddenStateStats(List.of(new Token(1, "a"), new Token(2, "b")), List.of(
            new HiddenStateStats.Layer(0, "embeddings", 2.5, 0.1),
            new HiddenStateStats.Layer(1, "encoder.layer.0", 7.0, -0.2),
            new HiddenStateStats.Layer(2, "encoder.layer.1", 12.0, 1.0)));

    @Test
    void pngAndSvg() throws Exception {
        HiddenStateChart chart = new HiddenStateChart("tiny", STATS);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(chart.toPng()));
        assertThat(png.getWidth()).isEqualTo(chart.width());
        assertThat(png.getHeight()).isEqualTo(chart.height());
        String svg = chart.toSvg();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(svg).contains(">emb<", ">0<", ">1<", "tiny · hidden states of 2 tokens");
    }
}
