package dev.transformers4j.learn.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.figures.ColorScale;
import dev.transformers4j.figures.FigureFormat;
import dev.transformers4j.learn.AttentionMaps;
import dev.transformers4j.learn.Token;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** PNG, SVG and HTML of hand-made maps: decodable, well-formed, every label there, masked cells where causal. */
class AttentionPicturesTest {

    /** Three tokens, with characters XML and HTML must escape; 2 layers × 2 heads; causal rows. */
    static final List<Token> TOKENS = List.of(new Token(1, "<s>"), new Token(2, "Ġa&b"), new Token(3, "\"it's\""));
    static final float[][] CAUSAL = {{1, 0, 0}, {0.25f, 0.75f, 0}, {0.5f, 0.125f, 0.375f}};
    static final AttentionMaps MAPS = new AttentionMaps(TOKENS, true,
            new float[][][][] {{CAUSAL, CAUSAL}, {CAUSAL, identity()}});

    @TempDir
    Path tmp;

    static float[][] identity() {
        return new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    @Test
    void pngIsADecodableImageOfTheFiguresSizeWithTheWeightsColours() throws IOException {
        AttentionFigure fig = AttentionFigure.of(MAPS, "tiny", 1, 1);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(fig.toPng()));
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(fig.width());
        assertThat(png.getHeight()).isEqualTo(fig.height());
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(AttentionFigure.of(MAPS, "tiny", 0, null).toPng()));
        assertThat(grid.getWidth()).isGreaterThan(png.getWidth() / 2);
        // the darkest colour (weight 1) and the masked grey are both in the picture
        assertThat(colours(png)).contains(ColorScale.of(1), ColorScale.MASKED);
    }

    @Test
    void svgIsWellFormedXmlWithEveryLabelAndOneMaskedCellPerHiddenKey() throws Exception {
        String svg = AttentionFigure.of(MAPS, "tiny", 0, null).toSvg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertThat(texts).contains("<s>", "Ġa&b", "\"it's\"", "head 0", "head 1");
        assertThat(texts).filteredOn("<s>"::equals).hasSize(3);    // above each of the 2 panels, left of the row
        // 2 heads × 3 masked cells (above the diagonal of 3×3) + the legend's swatch
        assertThat(count(svg, "fill=\"#e4e4e4\"")).isEqualTo(2 * 3 + 1);
        assertThat(count(svg, "fill=\"" + String.format("#%06x", ColorScale.of(1)) + "\"")).isEqualTo(2);
    }

    @Test
    void fullAttentionHasNoMaskedCells() {
        AttentionMaps full = new AttentionMaps(TOKENS, false, MAPS.weights());
        assertThat(count(AttentionFigure.of(full, "tiny", 0, 0).toSvg(), "#e4e4e4")).isZero();
    }

    @Test
    void htmlIsSelfContainedWithTheDataAndLabels() throws IOException {
        String html = AttentionHtml.of(MAPS, "tiny</script>", 1, null);
        assertThat(html).doesNotContain("http://", "https://", "src=");
        Matcher m = Pattern.compile("<script id=\"attention-data\" type=\"application/json\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("the data script").isTrue();
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        assertThat(data.get("title").asText()).isEqualTo("tiny</script> · attention");
        assertThat(data.get("tokens")).extracting(t -> t.get("text").asText()).containsExactly("<s>", "Ġa&b", "\"it's\"");
        assertThat(data.get("causal").asBoolean()).isTrue();
        assertThat(data.get("layer").asInt()).isEqualTo(1);
        assertThat(data.get("head").isNull()).isTrue();
        assertThat(data.get("weights").get(0).get(1).get(2).get(1).asDouble()).isEqualTo(0.125);
        assertThat(data.get("weights").get(1).get(1).get(1).get(1).asDouble()).isEqualTo(1.0);
        assertThat(html).contains("<title>tiny&lt;/script&gt; · attention</title>", "addEventListener(\"mousemove\"",
                "\\u2192");
    }

    @Test
    void rangesAndFormatsAreChecked() {
        assertThatThrownBy(() -> AttentionHtml.of(MAPS, "tiny", 2, null))
                .hasMessage("layer 2 does not exist: expected 0..1 (the model has 2 layers)");
        assertThatThrownBy(() -> AttentionFigure.of(MAPS, "tiny", 0, 5))
                .hasMessage("head 5 does not exist: expected 0..1 (each layer has 2 heads)");
        assertThatThrownBy(() -> AttentionFigure.of(MAPS, "tiny", 0, 0).write(tmp.resolve("map.jpg")))
                .hasMessage(tmp.resolve("map.jpg") + ": unknown extension '.jpg' (expected .png, .svg)");
        assertThatThrownBy(() -> FigureFormat.of(Path.of("map"), FigureFormat.values()))
                .hasMessage("map: no file extension (expected .png, .svg, .html)");
        assertThatThrownBy(() -> new AttentionFigure("t", List.of("a", "b"),
                List.of(new AttentionFigure.Panel("head 0", CAUSAL)), false))
                .hasMessage("panel 'head 0': expected 2 × 2 weights (one row and one column per label)");
    }

    @Test
    void writesAtomicallyAndNamesAnUnwritablePath() throws IOException {
        Path png = tmp.resolve("out/map.PNG");
        AttentionFigure.of(MAPS, "tiny", 0, 0).write(png);
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        assertThat(Files.list(png.getParent())).containsExactly(png);
        Path underAFile = png.resolve("x.svg");
        assertThatThrownBy(() -> AttentionFigure.of(MAPS, "tiny", 0, 0).write(underAFile))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith(underAFile + ": cannot write the picture: ")
                .hasMessageContaining("map.PNG");
    }

    private static List<Integer> colours(BufferedImage im) {
        List<Integer> out = new ArrayList<>();
        for (int y = 0; y < im.getHeight(); y += 2) {
            for (int x = 0; x < im.getWidth(); x += 2) {
                out.add(im.getRGB(x, y) & 0xffffff);
            }
        }
        return out;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
