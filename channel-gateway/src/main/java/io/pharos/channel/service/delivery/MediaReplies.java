package io.pharos.channel.service.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.channel.client.MediaKinds;
import io.pharos.channel.client.OutgoingFile;
import io.pharos.channel.client.ProviderMediaSender;
import io.pharos.channel.client.ProviderSender;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.contracts.channel.OutboundAttachment;
import io.smallrye.mutiny.Uni;

/**
 * A reply with files on the providers' channels, sent as each provider expects: WhatsApp, Telegram
 * and Messenger take the bytes (one media message per file, the API carries one file a message);
 * Instagram and Twilio MMS fetch signed links ({@link AttachmentLinks}) themselves. The text goes as
 * the caption of the first file where the provider shows one and it fits, else as a text message
 * before the files.
 * <p>
 * One request may thus become several provider messages. The request's delivery records the last
 * one's id (the one statuses are matched by): messages of one conversation arrive in order, so the
 * last one delivered or read means the reply is. A refusal part-way fails the request with the
 * provider's code and says how many messages had gone out already.
 */
@ApplicationScoped
class MediaReplies {

    private final ProviderSender texts;
    private final ProviderMediaSender media;
    private final AttachmentLinks links;
    private final Duration linkLifetime;

    MediaReplies(ProviderSender texts, ProviderMediaSender media, AttachmentLinks links,
            @ConfigProperty(name = "pharos.channels.media-link-lifetime", defaultValue = "PT1H") Duration linkLifetime) {
        this.texts = texts;
        this.media = media;
        this.links = links;
        this.linkLifetime = linkLifetime;
    }

    Uni<String> whatsapp(ChannelAccount channel, String to, String text, List<OutgoingFile> files) {
        boolean captioned = fitsCaption(text) && MediaKinds.whatsappCaptions(MediaKinds.whatsapp(files.get(0)));
        Uni<String> first = captioned || blank(text) ? none() : texts.whatsapp(channel, to, text);
        return inTurn(first, files, (file, index) -> {
            String kind = MediaKinds.whatsapp(file);
            return media.whatsappUpload(channel, file)
                    .flatMap(id -> media.whatsappMedia(channel, to, kind, id, index == 0 && captioned ? text : null, file.fileName()));
        });
    }

    Uni<String> telegram(ChannelAccount channel, String chatId, String text, List<OutgoingFile> files) {
        boolean captioned = fitsCaption(text);
        Uni<String> first = captioned || blank(text) ? none() : texts.telegram(channel, chatId, text);
        return inTurn(first, files, (file, index) -> media.telegram(channel, chatId, file, index == 0 && captioned ? text : null));
    }

    /** Messenger: a message with an attachment has no text, so the text goes first. */
    Uni<String> messenger(ChannelAccount channel, String recipientId, String text, String messageTag, List<OutgoingFile> files) {
        Uni<String> first = blank(text) ? none() : texts.messenger(channel, recipientId, text, messageTag);
        return inTurn(first, files, (file, index) -> media.messenger(channel, recipientId, file, messageTag));
    }

    /** Instagram fetches each file from a signed link, valid long enough for it to do so. */
    Uni<String> instagram(ChannelAccount channel, String recipientId, String text, String messageTag, List<OutboundAttachment> files) {
        Uni<String> first = blank(text) ? none() : texts.messenger(channel, recipientId, text, messageTag);
        return inTurn(first, files, (file, index) -> media.byLink(channel, recipientId, file.contentType(), link(file), messageTag));
    }

    /**
     * Twilio MMS (one message, Twilio fetches the links) when the channel's number sends MMS
     * (setting {@code mms: true}); otherwise the reply fails: an SMS cannot carry the files and
     * dropping them silently would tell the customer less than the agent wrote.
     */
    Uni<String> sms(ChannelAccount channel, String to, String text, List<OutboundAttachment> files) {
        if (!Boolean.parseBoolean(channel.setting("mms", "false"))) {
            return Uni.createFrom().failure(new Undeliverable(
                    "sms: channel " + channel.id() + " does not send MMS (setting mms), so it cannot carry the " + files.size() + " file(s)"));
        }
        if (files.size() > 10) { // Twilio: at most 10 MediaUrl per message
            return Uni.createFrom().failure(new Undeliverable("sms: an MMS carries at most 10 files, this reply has " + files.size()));
        }
        return media.mms(channel, to, text, files.stream().map(this::link).toList());
    }

    private String link(OutboundAttachment file) {
        return links.downloadUrl(file.id(), linkLifetime);
    }

    /** Each file after the previous message; the last id answers; a refusal says how far the reply got. */
    private static <F> Uni<String> inTurn(Uni<String> first, List<F> files, FileSend<F> send) {
        int[] sent = {0};
        Uni<String> chain = first.invoke(id -> {
            if (id != null) {
                sent[0]++;
            }
        });
        for (int i = 0; i < files.size(); i++) {
            int index = i;
            chain = chain.flatMap(previous -> send.send(files.get(index), index)).invoke(id -> sent[0]++);
        }
        return chain.onFailure(Undeliverable.class).transform(e -> sent[0] == 0 ? e
                : new Undeliverable(e.getMessage() + " (after " + sent[0] + " message(s) of the reply had gone out)", ((Undeliverable) e).code()));
    }

    @FunctionalInterface
    private interface FileSend<F> {
        Uni<String> send(F file, int index);
    }

    private static boolean fitsCaption(String text) {
        return !blank(text) && text.length() <= MediaKinds.CAPTION_MAX;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Uni<String> none() {
        return Uni.createFrom().nullItem();
    }
}
