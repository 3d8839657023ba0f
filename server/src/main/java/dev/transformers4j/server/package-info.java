/**
 * The web explorer behind {@code t4j serve}: a JSON HTTP API over the models ({@code /api/tokenize},
 * {@code /api/attention}, {@code /api/hidden-states}, {@code /api/next-token}, {@code /api/generate} streamed as
 * server-sent events) on the JDK's {@code com.sun.net.httpserver}, and one page (HTML, JS, CSS from resources, no
 * build step) that draws what the API returns.
 *
 * <p>Shapes as in the rest of the library: T tokens, H heads, L layers, C model width, V vocabulary.
 */
package dev.transformers4j.server;
