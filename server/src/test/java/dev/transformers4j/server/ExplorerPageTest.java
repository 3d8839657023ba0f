package dev.transformers4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page's three files are served from resources with their types; the page loads nothing from elsewhere. */
class ExplorerPageTest {

    static ExplorerServer server;
    static ExplorerClient client;

    @BeforeAll
    static void start() {
        server = ExplorerServer.start(ExplorerSettings.anyPort(List.of()));
        client = new ExplorerClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheHtmlScriptAndStyleSheet() {
        var page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        String html = page.json().asText();
        assertThat(html).contains("<script src=\"explorer.js\">", "href=\"explorer.css\"", "id=\"heatmap\"");
        assertThat(html).doesNotContain("http://", "https://");
        var js = client.get("/explorer.js");
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.json().asText()).contains("/api/attention", "/api/generate").doesNotContain("https://");
        assertThat(client.get("/explorer.css").contentType()).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void urlIsLoopbackWithTheChosenPort() {
        assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(server.port()).isPositive();
    }
}
