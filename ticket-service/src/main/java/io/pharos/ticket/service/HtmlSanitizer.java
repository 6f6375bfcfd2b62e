package io.pharos.ticket.service;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Keeps the formatting of rich messages (email bodies, agent replies) and drops everything that
 * could run or track: scripts, event handlers, styles, forms, iframes, javascript: links.
 */
public final class HtmlSanitizer {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.LINKS)
            .and(new HtmlPolicyBuilder()
                    .allowElements("img").allowAttributes("alt", "title", "width", "height").onElements("img")
                    .allowUrlProtocols("https", "cid").allowAttributes("src").onElements("img")
                    .allowElements("pre", "code", "hr", "span", "div")
                    .toFactory());

    private HtmlSanitizer() {
    }

    public static String sanitize(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }

    /** Plain text of an HTML body, for search, notifications and channels without HTML. */
    public static String text(String html) {
        if (html == null) {
            return null;
        }
        String withBreaks = html.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</li>|</tr>", "\n");
        String stripped = new HtmlPolicyBuilder().toFactory().sanitize(withBreaks);
        return org.owasp.html.Encoding.decodeHtml(stripped, false).replaceAll("[ \\t]+\n", "\n").strip();
    }
}
