package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/} from rotting: every relative link points to a file that exists (and to a heading of it, when
 * it has an anchor); a link to a Java file is
 * written {@code [Class](path/Class.java)} or {@code [Class.method](path/Class.java)}, and that method name
 * occurs in the file as a call or declaration; every row of the paper-to-code map links code and a test.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern JAVA_TEXT = Pattern.compile("(\\w+)(?:\\.(\\w+))?");

    @Test
    void everyRelativeLinkResolvesAndEveryJavaLinkNamesAMethodOfItsFile() {
        List<String> problems = new ArrayList<>();
        int javaLinks = 0;
        for (Path md : RepoDocs.markdownFiles()) {
            Matcher m = LINK.matcher(RepoDocs.read(md));
            while (m.find()) {
                String target = m.group(2);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#")) {
                    continue;
                }
                Path file = md.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
                String where = RepoDocs.root().relativize(md) + ": [" + m.group(1) + "](" + target + ")";
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                if (!Files.exists(file)) {
                    problems.add(where + ": no such file");
                } else if (anchor != null && !headingAnchors(RepoDocs.read(file)).contains(anchor)) {
                    problems.add(where + ": no heading with anchor #" + anchor + " in " + file.getFileName());
                } else if (target.endsWith(".java")) {
                    javaLinks++;
                    checkJavaLink(m.group(1), file, where, problems);
                }
            }
        }
        assertThat(problems).as("broken links in docs/").isEmpty();
        assertThat(javaLinks).as("links to Java files in docs/").isGreaterThan(50);
    }

    /** GitHub's anchors of a markdown file's headings: lower case, punctuation and symbols dropped, spaces to '-'. */
    static List<String> headingAnchors(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .toList();
    }

    private static void checkJavaLink(String text, Path file, String where, List<String> problems) {
        String className = file.getFileName().toString().replace(".java", "");
        Matcher t = JAVA_TEXT.matcher(text);
        if (!t.matches() || !t.group(1).equals(className)) {
            problems.add(where + ": the text should be " + className + " or " + className + ".method");
            return;
        }
        String method = t.group(2);
        if (method != null && !Pattern.compile("\\b" + method + "\\s*\\(").matcher(RepoDocs.read(file)).find()) {
            problems.add(where + ": no method " + method + " in " + file.getFileName());
        }
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(headingAnchors("# x\n## §3.2.1 Scaled dot-product attention (Eq. 1)\n### 1. 词元（token）\n"))
                .containsExactly("x", "321-scaled-dot-product-attention-eq-1", "1-词元token");
    }

    /** The map's rows: each names the paper, links to main code and to a test under src/test. */
    @Test
    void everyRowOfThePaperToCodeMapLinksCodeAndATest() {
        String doc = RepoDocs.read(RepoDocs.root().resolve("docs/paper-to-code.md"));
        String table = doc.substring(doc.indexOf("## The map"), doc.indexOf("\n## ", doc.indexOf("## The map") + 1));
        List<String> rows = table.lines().filter(l -> l.startsWith("| §") || l.startsWith("| Table")).toList();
        assertThat(rows).as("rows of the map").hasSizeGreaterThanOrEqualTo(13);
        for (String row : rows) {
            assertThat(row).as(row).contains("/src/main/java/").contains("/src/test/java/");
        }
        for (String eq : List.of("Eq. 1", "Eq. 2", "Eq. 3", "§3.2.2", "§3.5", "§3.1", "§3.4", "§5.4", "§5.3")) {
            assertThat(rows).as("a row for " + eq).anyMatch(r -> r.contains(eq));
        }
    }
}
