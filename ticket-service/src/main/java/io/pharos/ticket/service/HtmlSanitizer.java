package io.pharos.ticket.service;

import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Keeps the formatting of rich messages (email bodies, agent replies) and drops everything that
 * could run or track: scripts, event handlers, styles, forms, iframes, javascript: links, and every
 * remote resource the agent's browser would load on its own (img src over http/https is a tracking
 * pixel; srcset, background, style url() are not allowed at all). Images stay when they are the
 * mail's own attachments ({@code cid:}) or inline {@code data:} images of raster types (not SVG,
 * which can carry scripts).
 */
public final class HtmlSanitizer {

    private static final Pattern LOCAL_IMAGE = Pattern.compile("(?i)\\s*(cid:.+|data:image/(png|gif|jpeg|jpg|webp);base64,[a-z0-9+/=\\s]+)");

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.LINKS)
            .and(new HtmlPolicyBuilder()
                    .allowElements("img").allowAttributes("alt", "title", "width", "height").onElements("img")
                    .allowUrlProtocols("cid", "data").allowAttributes("src").matching(LOCAL_IMAGE).onElements("img")
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
