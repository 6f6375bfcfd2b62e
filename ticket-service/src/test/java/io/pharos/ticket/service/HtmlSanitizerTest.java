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
        assertThat(clean).contains("href=\"https://example.test/help\"", "Hi");
        assertThat(clean).as("a remote image loads in the agent's browser: a tracking pixel").doesNotContain("cdn.example.test");
    }

    @Test
    void remoteResourcesAreDroppedAndTheMailsOwnImagesKept() {
        String pixel = "<p>Hello</p><img src=\"http://track.example.test/p.gif?u=1\" width=\"1\" height=\"1\">"
                + "<img src=\"HTTPS://track.example.test/o.png\"><img srcset=\"https://track.example.test/s.png 2x\">"
                + "<table background=\"https://track.example.test/bg.png\"><tr><td background=\"https://track.example.test/td.png\">x</td></tr></table>"
                + "<div style=\"background:url(https://track.example.test/css.png)\">styled</div>"
                + "<img src=\"//track.example.test/relative.png\"><img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">"
                + "<img src=\"cid:logo@mail.example.test\" alt=\"logo\"><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"inline\">";
        String clean = HtmlSanitizer.sanitize(pixel);
        assertThat(clean).doesNotContain("track.example.test", "srcset", "background", "url(", "svg");
        assertThat(clean).contains("src=\"cid:logo&#64;mail.example.test\"", "src=\"data:image/png;base64,iVBORw0KGgo&#61;\"", "Hello", "styled");
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
