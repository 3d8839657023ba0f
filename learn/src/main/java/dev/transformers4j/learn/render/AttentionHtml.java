package dev.transformers4j.learn.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.figures.ColorScale;
import dev.transformers4j.figures.FigureFiles;
import dev.transformers4j.figures.SvgCanvas;
import dev.transformers4j.learn.AttentionMaps;
import dev.transformers4j.learn.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A self-contained interactive page of every layer's and head's attention (inline CSS, JavaScript and data, no
 * network): a layer and a head selector (or all heads of the layer), hover shows "query → key: weight".
 */
public final class AttentionHtml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttentionHtml() {
    }

    /**
     * The page, opening on {@code layer} and {@code head} (all heads of the layer when null).
     *
     * @param model the model's name, for the title
     */
    public static String of(AttentionMaps maps, String model, int layer, Integer head) {
        maps.checkLayer(layer);
        if (head != null) {
            maps.checkHead(head);
        }
        String title = model + " · attention";
        String json = data(maps, title, layer, head).toString().replace("</", "<\\/");   // never ends the <script>
        return template().replace("__TITLE__", SvgCanvas.escape(title)).replace("__DATA__", json);
    }

    /** Writes the page to {@code file} (atomically). */
    public static void write(Path file, AttentionMaps maps, String model, int layer, Integer head) {
        FigureFiles.write(file, of(maps, model, layer, head).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"title","tokens":[{"id","text"}],"causal","layer","head","colors","weights":[L][H][T][T]}}. */
    private static ObjectNode data(AttentionMaps maps, String title, int layer, Integer head) {
        ObjectNode d = JSON.createObjectNode();
        d.put("title", title);
        ArrayNode tokens = d.putArray("tokens");
        for (Token t : maps.tokens()) {
            tokens.addObject().put("id", t.id()).put("text", t.text());
        }
        d.put("causal", maps.causal());
        d.put("layer", layer);
        if (head == null) {
            d.putNull("head");
        } else {
            d.put("head", head);
        }
        ArrayNode colors = d.putArray("colors");
        for (String c : ColorScale.cssStops()) {
            colors.add(c);
        }
        ArrayNode weights = d.putArray("weights");
        for (float[][][] l : maps.weights()) {
            ArrayNode heads = weights.addArray();
            for (float[][] h : l) {
                ArrayNode rows = heads.addArray();
                for (float[] r : h) {
                    ArrayNode row = rows.addArray();
                    for (float w : r) {
                        row.add(Math.round(w * 1e5) / 1e5);
                    }
                }
            }
        }
        return d;
    }

    private static String template() {
        try (InputStream in = AttentionHtml.class.getResourceAsStream("attention.html")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/transformers4j/learn/render/attention.html is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
