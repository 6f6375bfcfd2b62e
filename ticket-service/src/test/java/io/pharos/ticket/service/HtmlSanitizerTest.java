package io.pharos.ticket.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    @Test
    void scriptsHandlersAndDangerousUrlsAreRemoved() {
        String dirty = "<div onmouseover=\"x()\"><script>steal(document.cookie)</script><p style=\"position:fixed\">Hi"
                + " <a href=\"javascript:alert(1)\">click</a> <a href=\"https://example.test/help\">help</a>"
                + "<iframe src=\"https://evil.test\"></iframe><img src=\"https://cdn.example.test/a.png\" onerror=\"x()\">"
                + "<form action=\"/steal\"><input name=p></form></p></div>";
        String clean = HtmlSanitizer.sanitize(dirty);
        assertThat(clean).doesNotContain("script", "steal(", "onmouseover", "onerror", "javascript:", "iframe", "<form", "<input",
                "position:fixed");
        assertThat(clean).contains("href=\"https://example.test/help\"", "src=\"https://cdn.example.test/a.png\"", "Hi");
    }

    @Test
    void formattingSurvives() {
        assertThat(HtmlSanitizer.sanitize("<p><b>bold</b> <i>it</i></p><ul><li>one</li></ul><table><tr><td>x</td></tr></table>"))
                .contains("<b>bold</b>", "<i>it</i>", "<li>one</li>", "<td>x</td>");
    }

    @Test
    void plainTextKeepsLinesAndDecodesEntities() {
        assertThat(HtmlSanitizer.text("<p>Γεια σας &amp; hello</p><p>second&nbsp;line<br>third</p>"))
                .isEqualTo("Γεια σας & hello\nsecond\u00a0line\nthird");
    }
}
