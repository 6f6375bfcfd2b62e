package io.pharos.attachments;

import java.util.Set;

import org.apache.tika.Tika;

/**
 * Types from content (Apache Tika's magic bytes), never from what a sender declares: a file named
 * {@code invoice.pdf} that holds HTML is HTML. The file name only breaks ties the bytes leave open
 * (plain text vs CSV).
 */
public final class ContentTypes {

    private static final Tika TIKA = new Tika();

    /** Images a browser can show without running anything: the only types served inline. */
    private static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** Types that run code when opened or rendered: kept, but never served as themselves. */
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "application/javascript",
            "text/javascript", "application/x-msdownload", "application/x-dosexec", "application/x-executable", "application/x-elf",
            "application/x-sh", "application/x-bat", "application/x-msi", "application/java-archive", "application/x-mach-o-executable",
            "application/vnd.microsoft.portable-executable", "text/x-python", "application/x-httpd-php", "application/hta",
            "text/xml", "application/xml");

    private ContentTypes() {
    }

    /** The type of the bytes, with the file name as a hint only where the bytes are ambiguous. */
    public static String detect(byte[] content, String fileName) {
        String byContent = TIKA.detect(content);
        if (!"application/octet-stream".equals(byContent) && !"text/plain".equals(byContent)) {
            return byContent;
        }
        String byBoth = TIKA.detect(content, fileName);
        // a name may refine what the bytes say (text/plain → text/csv) but never turn bytes into something else
        return byBoth.startsWith("text/") && "text/plain".equals(byContent) && !isActive(byBoth) ? byBoth : byContent;
    }

    /** An image type a browser may show inline: PNG, JPEG, GIF or WebP, by the bytes. */
    public static boolean isInlineImage(String detectedType) {
        return detectedType != null && INLINE_IMAGES.contains(detectedType);
    }

    /** A type that runs code when a browser or the desktop opens it (HTML, SVG, scripts, executables). */
    public static boolean isActive(String detectedType) {
        return detectedType != null && (ACTIVE.contains(detectedType) || detectedType.endsWith("+xml") && detectedType.contains("svg"));
    }
}
