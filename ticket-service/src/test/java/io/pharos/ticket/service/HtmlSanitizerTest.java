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
        assertThat(clean).as("a remote image loads in the agent's browser: a tracking pixel").doesNotContain(" src=\"https://cdn.example.test")
                .contains("data-remote-src=\"https://cdn.example.test/a.png\"");
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
        // nothing the browser would load on its own: no remote src, srcset, background or style
        assertThat(clean).doesNotContain(" src=\"http", " src=\"HTTP", " srcset=", " background=", "style=", "url(", "svg", "relative.png");
        assertThat(clean).contains("src=\"cid:logo&#64;mail.example.test\"", "src=\"data:image/png;base64,iVBORw0KGgo&#61;\"", "Hello", "styled");
        // but kept, inert, for an agent who asks to see them
        assertThat(clean).contains("data-remote-src=\"http://track.example.test/p.gif?u&#61;1\"",
                "data-remote-src=\"HTTPS://track.example.test/o.png\"", "data-remote-srcset=\"https://track.example.test/s.png 2x\"",
                "<table data-remote-background=\"https://track.example.test/bg.png\"", "<td data-remote-background=\"https://track.example.test/td.png\"",
                "<div data-remote-background=\"https://track.example.test/css.png\">styled</div>");
    }

    @Test
    void readingLeavesRemoteImagesInertAndPointsInlineImagesAtPharos() {
        String stored = HtmlSanitizer.sanitize("<p>Photo:</p><img src=\"cid:part1.abc@mail.example.test\" alt=\"parcel\">"
                + "<img src=\"cid:%3Cpart2@mail.example.test%3E\"><img src=\"cid:unknown@mail.example.test\">"
                + "<img src=\"https://cdn.example.test/banner.png\" width=\"600\">");
        InlineImages attachments = contentId -> switch (contentId) {
            case "part1.abc@mail.example.test" -> "https://hooks.example.test/api/v1/attachments/a1/content?token=t1";
            case "part2@mail.example.test" -> "https://hooks.example.test/api/v1/attachments/a2/content?token=t2";
            default -> null;
        };

        String read = HtmlSanitizer.forReading(stored, false, attachments);

        assertThat(read).contains("src=\"https://hooks.example.test/api/v1/attachments/a1/content?token&#61;t1\" alt=\"parcel\"",
                "src=\"https://hooks.example.test/api/v1/attachments/a2/content?token&#61;t2\"",
                "src=\"cid:unknown&#64;mail.example.test\"", "data-remote-src=\"https://cdn.example.test/banner.png\"");
        assertThat(read).doesNotContain(" src=\"https://cdn.example.test");
        assertThat(HtmlSanitizer.forReading(stored, false, InlineImages.NONE)).as("without attachments the cid: stays")
                .contains("src=\"cid:part1.abc&#64;mail.example.test\"");
    }

    @Test
    void remoteImagesLoadOnlyWhenAskedAndTrackingPixelsNever() {
        String stored = HtmlSanitizer.sanitize("<img src=\"https://cdn.example.test/photo.jpg\" alt=\"photo\">"
                + "<img srcset=\"https://cdn.example.test/s.png 1x, https://cdn.example.test/l.png 2x\">"
                + "<img src=\"http://track.example.test/open.gif?u=7\" width=\"1\" height=\"1\">"
                + "<table background=\"https://cdn.example.test/bg.png\"><tr><td>x</td></tr></table>"
                + "<div style=\"color:red; background-image: url('https://cdn.example.test/div.png')\">styled</div>");

        String shown = HtmlSanitizer.forReading(stored, true, InlineImages.NONE);

        assertThat(shown).contains("<img src=\"https://cdn.example.test/photo.jpg\" alt=\"photo\"",
                "srcset=\"https://cdn.example.test/s.png 1x, https://cdn.example.test/l.png 2x\"",
                "<table background=\"https://cdn.example.test/bg.png\"",
                "<div style=\"background-image:url(https://cdn.example.test/div.png)\">styled</div>");
        assertThat(shown).as("a 1x1 image shows nothing but the sender's tracking").doesNotContain(" src=\"http://track.example.test")
                .contains("data-remote-src=\"http://track.example.test/open.gif?u&#61;7\"");
        assertThat(shown).doesNotContain("color:red");
        assertThat(HtmlSanitizer.forReading(stored, false, InlineImages.NONE)).doesNotContain(" src=\"http", " srcset=", " background=", "style=");
    }

    @Test
    void onlyHttpUrlsBecomeSourcesWhateverTheMailOrTheStoreSays() {
        String mail = "<img data-remote-src=\"javascript:alert(1)\"><img src=\"javascript:alert(2)\">"
                + "<img srcset=\"javascript:alert(3) 2x\"><div style=\"background:url(javascript:alert(4))\">a</div>"
                + "<table background=\"vbscript:x\"><tr><td>b</td></tr></table>"
                + "<img src=\"https://cdn.example.test/x.png&quot;onerror=alert(5)\">";
        String stored = HtmlSanitizer.sanitize(mail);
        String shown = HtmlSanitizer.forReading(stored, true, contentId -> "javascript:alert(6)");
        assertThat(stored + shown).doesNotContain("javascript", "vbscript", "onerror");

        // a body stored before this policy, with a live remote source and a forged inert one
        String old = "<img src=\"https://track.example.test/p.gif\"><img data-remote-src=\"data:text/html;base64,PHNjcmlwdD4=\">"
                + "<img src=\"cid:a@b\">";
        assertThat(HtmlSanitizer.forReading(old, false, contentId -> "data:text/html,x")).doesNotContain(" src=\"https://track", "data:text")
                .contains("data-remote-src=\"https://track.example.test/p.gif\"", "src=\"cid:a&#64;b\"");
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
