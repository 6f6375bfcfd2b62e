package io.pharos.ticket.api;

/**
 * A file that came with a message, as the agent sees it. The bytes stay where the channel keeps
 * them: {@code url} when there is a link, else {@code reference}, the provider's id of the file
 * (a WhatsApp media id, a Telegram file id, a Messenger sticker id).
 *
 * @param kind image, audio, voice, video, document, file or sticker; absent for email attachments (their
 *        {@code contentType} says what they are)
 * @param size in bytes, when the channel says
 */
public record AttachmentDto(String kind, String fileName, String contentType, Long size, String url, String reference) {
}
