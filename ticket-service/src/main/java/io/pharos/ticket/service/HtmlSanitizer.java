package io.pharos.ticket.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Keeps the formatting of rich messages (email bodies, agent replies) and drops everything that
 * could run: scripts, event handlers, styles, forms, iframes, javascript: links.
 *
 * <p>Images: the mail's own attachments ({@code cid:}) and inline {@code data:} images of raster types
 * (not SVG, which can carry scripts) stay. Remote images (http/https {@code src}, {@code srcset},
 * {@code background}, a style's {@code url()}) would load in the agent's browser on their own and tell
 * the sender the mail was read (tracking pixels): {@link #sanitize} keeps their URLs inert, as
 * {@code data-remote-src}, {@code data-remote-srcset} and {@code data-remote-background}, and
 * {@link #forReading} turns them back into sources only when the agent asks. There it also points
 * {@code cid:} images at Pharos's download URLs ({@link InlineImages}).
 */
public final class HtmlSanitizer {

    static final String REMOTE_SRC = "data-remote-src";
    static final String REMOTE_SRCSET = "data-remote-srcset";
    static final String REMOTE_BACKGROUND = "data-remote-background";

    private static final Pattern LOCAL_IMAGE = Pattern.compile("(?i)\\s*(cid:.+|data:image/(png|gif|jpeg|jpg|webp);base64,[a-z0-9+/=\\s]+)");
    /** An absolute http(s) URL with nothing that could end an attribute, a CSS token or a srcset candidate. */
    private static final Pattern REMOTE_URL = Pattern.compile("(?i)https?://[^\\s\"'()\\\\<>,]+");
    private static final Pattern SRCSET_CANDIDATE = Pattern.compile("(?i)(https?://[^\\s\"'()\\\\<>,]+)(\\s+\\d+(\\.\\d+)?[wx])?");
    private static final Pattern CSS_URL = Pattern.compile("(?i)url\\(\\s*['\"]?(https?://[^\\s\"'()\\\\<>,]+)['\"]?\\s*\\)");
    private static final List<String> BACKGROUND_ELEMENTS = List.of("table", "tr", "td", "th", "div", "p", "span", "center");
    /** Both sides at most this many pixels: a tracking pixel, never worth loading, even on request. */
    private static final int PIXEL = 2;

    /** What is stored: remote image URLs inert. */
    private static final PolicyFactory STORE = policy(false, new Defer());
    /** What is read without remote images: the stored form, whose data-remote-* are kept inert. */
    private static final PolicyFactory READ_INERT = policy(true, new Read(false, InlineImages.NONE));

    private HtmlSanitizer() {
    }

    /** The form to store: safe, with remote images kept but not loadable. */
    public static String sanitize(String html) {
        return html == null ? null : STORE.sanitize(html);
    }

    /**
     * The stored HTML as the agent's browser gets it: inline images at their Pharos URLs and, when the
     * agent asks ({@code remoteImages}), remote images loadable again (http/https only, tracking pixels
     * still not). Sanitised again on the way, so a stored body from before a policy change is safe too.
     */
    public static String forReading(String stored, boolean remoteImages, InlineImages inline) {
        if (stored == null) {
            return null;
        }
        return !remoteImages && inline == InlineImages.NONE ? READ_INERT.sanitize(stored)
                : policy(true, new Read(remoteImages, inline)).sanitize(stored);
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

    // ------------------------------------------------------------------------------------

    /**
     * The attribute policies validate every URL (what survives them is an http(s) URL, a cid: or a raster
     * data: image); the element policy then decides which attribute carries it.
     */
    private static PolicyFactory policy(boolean storedForm, ElementPolicy images) {
        HtmlPolicyBuilder builder = new HtmlPolicyBuilder()
                .allowElements("pre", "code", "hr", "span", "div", "center")
                .allowElements("img").allowAttributes("alt", "title", "width", "height").onElements("img")
                .allowUrlProtocols("cid", "data", "http", "https")
                .allowAttributes("src").matching(HtmlSanitizer::imageSource).onElements("img")
                .allowAttributes("srcset").matching(HtmlSanitizer::srcset).onElements("img")
                .allowAttributes("background").matching(HtmlSanitizer::remoteUrl).onElements(BACKGROUND_ELEMENTS.toArray(String[]::new))
                // styles are dropped; only a background image's URL is taken from them
                .allowAttributes("style").matching(HtmlSanitizer::cssBackground).onElements(BACKGROUND_ELEMENTS.toArray(String[]::new));
        if (storedForm) {
            builder.allowAttributes(REMOTE_SRC).matching(HtmlSanitizer::remoteUrl).onElements("img")
                    .allowAttributes(REMOTE_SRCSET).matching(HtmlSanitizer::srcset).onElements("img")
                    .allowAttributes(REMOTE_BACKGROUND).matching(HtmlSanitizer::remoteUrl)
                    .onElements(BACKGROUND_ELEMENTS.toArray(String[]::new));
        }
        builder.allowElements(images, BACKGROUND_ELEMENTS.toArray(String[]::new)).allowElements(images, "img");
        return Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES).and(Sanitizers.LINKS).and(builder.toFactory());
    }

    private static String imageSource(String element, String attribute, String value) {
        return LOCAL_IMAGE.matcher(value).matches() ? value.strip() : remoteUrl(element, attribute, value);
    }

    private static String remoteUrl(String element, String attribute, String value) {
        String url = value.strip();
        return REMOTE_URL.matcher(url).matches() ? url : null;
    }

    /** Every candidate an http(s) URL with an optional width or density, or nothing. */
    private static String srcset(String element, String attribute, String value) {
        String[] candidates = value.strip().split("\\s*,\\s*");
        for (String candidate : candidates) {
            if (!SRCSET_CANDIDATE.matcher(candidate).matches()) {
                return null;
            }
        }
        return String.join(", ", candidates);
    }

    private static String cssBackground(String element, String attribute, String value) {
        Matcher url = CSS_URL.matcher(value);
        return url.find() ? url.group(1) : null;
    }

    /** Store: remote sources become inert data-remote-* attributes. */
    private static final class Defer implements ElementPolicy {
        @Override
        public String apply(String element, List<String> attrs) {
            for (int i = 0; i < attrs.size(); i += 2) {
                String name = attrs.get(i);
                String value = attrs.get(i + 1);
                switch (name) {
                    case "src" -> {
                        if (REMOTE_URL.matcher(value).matches()) {
                            attrs.set(i, REMOTE_SRC);
                        }
                    }
                    case "srcset" -> attrs.set(i, REMOTE_SRCSET);
                    case "background", "style" -> attrs.set(i, REMOTE_BACKGROUND);
                    default -> {
                    }
                }
            }
            dropRepeated(attrs, REMOTE_BACKGROUND);
            return element;
        }
    }

    /** Read: cid: to Pharos URLs; data-remote-* back to sources when asked; live remote sources of old bodies made inert when not. */
    private record Read(boolean remoteImages, InlineImages inline) implements ElementPolicy {
        @Override
        public String apply(String element, List<String> attrs) {
            new Defer().apply(element, attrs); // a body stored before remote images were kept inert
            boolean pixel = "img".equals(element) && isPixel(attrs);
            for (int i = 0; i < attrs.size(); i += 2) {
                String name = attrs.get(i);
                String value = attrs.get(i + 1);
                if ("src".equals(name) && value.regionMatches(true, 0, "cid:", 0, 4)) {
                    String url = inline.urlOf(contentId(value.substring(4)));
                    if (url != null && REMOTE_URL.matcher(url).matches()) {
                        attrs.set(i + 1, url);
                    }
                } else if (remoteImages && !pixel && REMOTE_SRC.equals(name)) {
                    attrs.set(i, "src");
                } else if (remoteImages && !pixel && REMOTE_SRCSET.equals(name)) {
                    attrs.set(i, "srcset");
                } else if (remoteImages && REMOTE_BACKGROUND.equals(name)) {
                    // the background attribute paints tables and cells; other elements need the style
                    // (the URL was validated: no quote, parenthesis, backslash or space can end it)
                    if (List.of("table", "tr", "td", "th").contains(element)) {
                        attrs.set(i, "background");
                    } else {
                        attrs.set(i, "style");
                        attrs.set(i + 1, "background-image:url(" + value + ")");
                    }
                }
            }
            return element;
        }

        private static boolean isPixel(List<String> attrs) {
            return size(attrs, "width") <= PIXEL && size(attrs, "height") <= PIXEL;
        }

        private static int size(List<String> attrs, String name) {
            int at = attrs.indexOf(name);
            if (at < 0 || at % 2 != 0) {
                return Integer.MAX_VALUE;
            }
            try {
                return Integer.parseInt(attrs.get(at + 1).strip().replaceFirst("(?i)px$", ""));
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }

        /** cid: URLs are URL-encoded Content-IDs (RFC 2392); some mailers keep the angle brackets. */
        private static String contentId(String raw) {
            String id = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8).strip();
            return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
        }
    }

    /** Only the first of an attribute stays (an element with both a background and a style image). */
    private static void dropRepeated(List<String> attrs, String name) {
        boolean seen = false;
        for (int i = 0; i < attrs.size();) {
            if (name.equals(attrs.get(i))) {
                if (seen) {
                    attrs.remove(i);
                    attrs.remove(i);
                    continue;
                }
                seen = true;
            }
            i += 2;
        }
    }
}
