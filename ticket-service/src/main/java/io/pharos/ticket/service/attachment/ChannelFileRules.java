package io.pharos.ticket.service.attachment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.domain.Channel;

/**
 * What each channel can carry to a customer, by the providers' documented limits (types by the
 * detected content type):
 * <ul>
 * <li>WhatsApp Cloud API "Supported media types": image JPEG/PNG 5 MB; audio AAC, AMR, MP3, M4A, OGG (Opus)
 * 16 MB; video MP4/3GPP 16 MB; sticker WebP 500 KB; document (text, PDF, Office) 100 MB.</li>
 * <li>Telegram Bot API: uploads up to 50 MB, photos up to 10 MB.</li>
 * <li>Messenger Send API: attachments up to 25 MB.</li>
 * <li>Instagram Messaging: images (JPEG, PNG) 8 MB; video and audio 25 MB; nothing else.</li>
 * <li>Twilio MMS ("Accepted content types for media"): 5 MB for the whole message, at most 10 media, and
 * only from a number with MMS (a channel setting); plain SMS carries no files.</li>
 * <li>Email: any type, within the tenant's per-message limit (checked for every message).</li>
 * <li>Chat: any type, as signed links.</li>
 * </ul>
 * Tickets of web forms and the API are answered by email when the customer has an address; otherwise
 * there is no channel that carries files.
 */
public final class ChannelFileRules {

    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    /** One kind of file a channel sends: the types it is, and how large one may be. */
    record Kind(String name, Set<String> types, boolean anyType, long maxBytes) {

        static Kind of(String name, long maxBytes, String... types) {
            return new Kind(name, Set.of(types), false, maxBytes);
        }

        static Kind any(String name, long maxBytes) {
            return new Kind(name, Set.of(), true, maxBytes);
        }

        boolean takes(String type) {
            return anyType || types.contains(type) || types.stream().anyMatch(t -> t.endsWith("/*") && type.startsWith(t.substring(0, t.length() - 1)));
        }
    }

    /** A channel's kinds (the first that takes a file's type decides) and, where the provider has one, its limit per message. */
    record Rule(List<Kind> kinds, long maxTotalBytes, int maxFiles) {
    }

    private static final Rule ANYTHING = new Rule(List.of(Kind.any("file", Long.MAX_VALUE)), Long.MAX_VALUE, Integer.MAX_VALUE);

    static final Map<Channel, Rule> RULES = Map.of(
            Channel.WHATSAPP, new Rule(List.of(
                    Kind.of("image", 5 * MB, "image/jpeg", "image/png"),
                    Kind.of("audio", 16 * MB, "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/opus"),
                    Kind.of("video", 16 * MB, "video/mp4", "video/3gpp"),
                    Kind.of("sticker", 500 * KB, "image/webp"),
                    Kind.of("document", 100 * MB, "text/plain", "application/pdf", "application/msword", "application/vnd.ms-excel",
                            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "application/vnd.openxmlformats-officedocument.presentationml.presentation")),
                    Long.MAX_VALUE, Integer.MAX_VALUE),
            Channel.TELEGRAM, new Rule(List.of(
                    Kind.of("photo", 10 * MB, "image/jpeg", "image/png", "image/webp"),
                    Kind.any("document", 50 * MB)), Long.MAX_VALUE, Integer.MAX_VALUE),
            Channel.MESSENGER, new Rule(List.of(Kind.any("attachment", 25 * MB)), Long.MAX_VALUE, Integer.MAX_VALUE),
            Channel.INSTAGRAM, new Rule(List.of(
                    Kind.of("image", 8 * MB, "image/jpeg", "image/png"),
                    Kind.of("video", 25 * MB, "video/*"),
                    Kind.of("audio", 25 * MB, "audio/*")), Long.MAX_VALUE, Integer.MAX_VALUE),
            Channel.SMS, new Rule(List.of(
                    Kind.of("media", 5 * MB, "image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "audio/*", "video/*",
                            "application/pdf", "text/vcard", "text/x-vcard", "text/csv", "text/calendar")), 5 * MB, 10),
            Channel.EMAIL, ANYTHING,
            Channel.CHAT, ANYTHING);

    private ChannelFileRules() {
    }

    /**
     * Why a reply on {@code channel} cannot carry these files, naming the first that does not fit;
     * empty when it can. {@code mms}: the sending SMS number has MMS.
     */
    public static Optional<String> refusal(Channel channel, boolean mms, List<Attachment> files) {
        Rule rule = RULES.get(channel);
        if (rule == null) {
            return Optional.of("this ticket is answered on " + channel + ", which carries no files (the customer has no email address)");
        }
        if (channel == Channel.SMS && !mms) {
            return Optional.of("this ticket is answered by SMS from a number without MMS, which carries no files");
        }
        if (files.size() > rule.maxFiles()) {
            return Optional.of(channel + " carries at most " + rule.maxFiles() + " files per message; the reply has " + files.size());
        }
        long total = 0;
        for (Attachment f : files) {
            String type = f.contentType == null ? "application/octet-stream" : f.contentType;
            Optional<Kind> kind = rule.kinds().stream().filter(k -> k.takes(type)).findFirst();
            if (kind.isEmpty()) {
                return Optional.of("\"" + f.fileName + "\" is " + type + ", which " + channel + " does not carry");
            }
            if (f.size != null && f.size > kind.get().maxBytes()) {
                return Optional.of("\"" + f.fileName + "\" has " + f.size + " bytes; " + channel + " carries " + kind.get().name()
                        + " files (" + type + ") of at most " + kind.get().maxBytes() + " bytes");
            }
            total += f.size == null ? 0 : f.size;
        }
        if (total > rule.maxTotalBytes()) {
            return Optional.of("the files have " + total + " bytes together; " + channel + " carries at most " + rule.maxTotalBytes()
                    + " bytes per message");
        }
        return Optional.empty();
    }
}
