package io.pharos.channel.client;

import java.util.Set;

/**
 * How each provider wants a file of a given type sent, from their documentation: what it would
 * refuse to show as media goes as a document (a file the customer downloads).
 */
public final class MediaKinds {

    /** WhatsApp Cloud API supported media (developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types). */
    private static final Set<String> WHATSAPP_IMAGES = Set.of("image/jpeg", "image/png");
    private static final Set<String> WHATSAPP_AUDIO = Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg");
    private static final Set<String> WHATSAPP_VIDEO = Set.of("video/mp4", "video/3gpp");
    private static final long WHATSAPP_IMAGE_MAX = 5L * 1024 * 1024;
    private static final long WHATSAPP_AV_MAX = 16L * 1024 * 1024;

    /** Telegram: sendPhoto takes JPEG, PNG and WebP up to 10 MB (core.telegram.org/bots/api#sendphoto). */
    private static final Set<String> TELEGRAM_PHOTOS = Set.of("image/jpeg", "image/png", "image/webp");
    private static final long TELEGRAM_PHOTO_MAX = 10L * 1024 * 1024;

    /** The longest caption WhatsApp and Telegram show under a media message. */
    public static final int CAPTION_MAX = 1024;

    private MediaKinds() {
    }

    /** The WhatsApp message {@code type}: image, audio, video or document. */
    public static String whatsapp(OutgoingFile file) {
        String type = file.mediaType();
        long size = file.content().length;
        if (WHATSAPP_IMAGES.contains(type) && size <= WHATSAPP_IMAGE_MAX) {
            return "image";
        }
        if (WHATSAPP_AUDIO.contains(type) && size <= WHATSAPP_AV_MAX) {
            return "audio";
        }
        if (WHATSAPP_VIDEO.contains(type) && size <= WHATSAPP_AV_MAX) {
            return "video";
        }
        return "document";
    }

    /** Audio messages carry no caption on WhatsApp. */
    public static boolean whatsappCaptions(String kind) {
        return !"audio".equals(kind);
    }

    /** The Telegram method and its file field: sendPhoto/photo, sendVoice/voice, sendAudio/audio, sendVideo/video, sendDocument/document. */
    public static TelegramMethod telegram(OutgoingFile file) {
        String type = file.mediaType();
        if (TELEGRAM_PHOTOS.contains(type) && file.content().length <= TELEGRAM_PHOTO_MAX) {
            return new TelegramMethod("sendPhoto", "photo");
        }
        if ("audio/ogg".equals(type)) { // an OGG/Opus file is shown as a voice message
            return new TelegramMethod("sendVoice", "voice");
        }
        if ("audio/mpeg".equals(type) || "audio/mp4".equals(type)) { // sendAudio: MP3 or M4A
            return new TelegramMethod("sendAudio", "audio");
        }
        if ("video/mp4".equals(type)) {
            return new TelegramMethod("sendVideo", "video");
        }
        return new TelegramMethod("sendDocument", "document");
    }

    /** A Telegram Bot API method and the name of the multipart field that carries the file. */
    public record TelegramMethod(String method, String field) {
    }

    /** The Messenger and Instagram attachment {@code type}: image, audio, video or file. */
    public static String meta(String contentType) {
        String type = new OutgoingFile(null, null, contentType, new byte[0]).mediaType();
        if (type.startsWith("image/") && !"image/svg+xml".equals(type)) {
            return "image";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        return "file";
    }
}
