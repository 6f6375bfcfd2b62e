package io.pharos.ticket.api;

import java.util.UUID;

import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.VirusScan;

/**
 * A file of a message, or an agent's upload, as agents and integrators see it. {@code contentType} is
 * what the bytes are (detected), else what the sender declared while they are not stored yet.
 * {@code downloadUrl} is a short-lived signed link that needs no bearer token, present only while the
 * file is {@code STORED} and not infected; messages from before the attachment store give the
 * provider's link or channel-gateway's download path instead (see ticket-service README).
 *
 * @param kind image, audio, voice, video, document, sticker or file, as the provider says; absent for email
 *        parts and uploads
 * @param inline an email part shown in the body ({@code contentId} is its {@code cid:})
 * @param failureReason why it could not be kept, when {@code FAILED}
 * @param scan what the virus scanner said, once stored
 * @param reference the provider's id of the file (WhatsApp media id, Telegram file id), when it gave one
 */
public record AttachmentDto(UUID id, String fileName, String contentType, Long size, String sha256, AttachmentStatus status,
        String downloadUrl, String failureReason, String kind, boolean inline, String contentId, Scan scan,
        String reference) {

    /** The virus scanner's verdict and, when infected, what it found. */
    public record Scan(VirusScan.Verdict verdict, String signature) {
    }
}
