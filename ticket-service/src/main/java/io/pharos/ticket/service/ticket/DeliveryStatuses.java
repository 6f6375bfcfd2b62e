package io.pharos.ticket.service.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.text.ControlCharacters;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.DeliveryStep;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.repository.MessageTrailRepository;
import io.pharos.ticket.service.TimeSource;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * What became of an agent's reply on its channel, as a lifecycle: every status reported is a step of
 * its history (once: a provider's repeated report adds nothing), and the current status only moves
 * forward (PENDING, SENT, DELIVERED, READ; a late "sent" never hides "read"), except that FAILED wins
 * from any point — a bounce may come after "sent" — and ends it: a report after it is recorded no more. The time of the SENT step is the reply's
 * {@code sentAt}; a text the channel composed (a WhatsApp template) becomes the message's text. The
 * email Message-ID used is kept so that the customer's answer threads into the same ticket. Each
 * change reaches the live inbox.
 */
@ApplicationScoped
public class DeliveryStatuses {

    /** One report: {@code at} is the provider's time of the status, when it gave one. */
    public record Report(UUID messageId, DeliveryStatus status, String providerMessageId, String emailMessageId, Instant at,
            String code, String reason, String recipient, String text) {
    }

    private final MessageRepository messages;
    private final MessageTrailRepository trails;
    private final MessageChanges changes;
    private final TimeSource time;

    public DeliveryStatuses(MessageRepository messages, MessageTrailRepository trails, MessageChanges changes, TimeSource time) {
        this.messages = messages;
        this.trails = trails;
        this.changes = changes;
        this.time = time;
    }

    @WithTransaction
    public Uni<Void> reported(String tenant, Report report) {
        return messages.findInTenant(tenant, report.messageId()).flatMap(m -> {
            if (m == null) {
                return Uni.createFrom().voidItem(); // not ours (another tenant's id or a survey invitation)
            }
            if (m.providerMessageId == null && report.providerMessageId() != null) {
                m.providerMessageId = report.providerMessageId();
            }
            if (m.emailMessageId == null && report.emailMessageId() != null) {
                m.emailMessageId = report.emailMessageId();
            }
            return trails.steps(tenant, m.id).flatMap(steps -> apply(m, steps, report));
        });
    }

    private Uni<Void> apply(Message m, List<DeliveryStep> steps, Report report) {
        Instant at = (report.at() != null ? report.at() : time.now()).truncatedTo(ChronoUnit.MICROS);
        // a repeated report is no news, and nothing follows a failure in the lifecycle
        boolean seen = m.deliveryStatus == DeliveryStatus.FAILED || steps.stream().anyMatch(s -> s.status == report.status());
        String composed = report.text() == null || report.text().isBlank() ? null : ControlCharacters.strip(report.text());
        boolean recomposed = composed != null && !composed.equals(m.bodyText);
        if (recomposed) {
            m.bodyText = composed;
        }
        if (seen && !recomposed) {
            return Uni.createFrom().voidItem();
        }
        boolean moves = !seen && movesTo(m.deliveryStatus, report.status());
        if (moves) {
            m.deliveryStatus = report.status();
            m.deliveryCode = report.code();
            m.deliveryReason = report.reason();
            m.deliveryRecipient = report.recipient();
            m.deliveryUpdatedAt = at;
        }
        if (!seen && report.status() == DeliveryStatus.SENT) {
            m.sentAt = at;
        }
        Uni<Void> step = seen ? Uni.createFrom().voidItem() : trails.add(step(m, report, at));
        return step.flatMap(v -> changes.record(m, MessageChanges.DELIVERY, m.deliveryStatus, time.now()));
    }

    /** Forward only; FAILED from anywhere, and nothing after it. */
    static boolean movesTo(DeliveryStatus current, DeliveryStatus reported) {
        if (current == null) {
            return true;
        }
        if (current == DeliveryStatus.FAILED) {
            return false;
        }
        return reported == DeliveryStatus.FAILED || reported.ordinal() > current.ordinal();
    }

    /** The first step of a reply handed to its channel. */
    public static DeliveryStep pending(Message m, Instant at) {
        DeliveryStep s = new DeliveryStep();
        s.id = UUID.randomUUID();
        s.tenant = m.tenant;
        s.messageId = m.id;
        s.status = DeliveryStatus.PENDING;
        s.at = at;
        return s;
    }

    private static DeliveryStep step(Message m, Report report, Instant at) {
        DeliveryStep s = new DeliveryStep();
        s.id = UUID.randomUUID();
        s.tenant = m.tenant;
        s.messageId = m.id;
        s.status = report.status();
        s.code = report.code();
        s.reason = report.reason();
        s.at = at;
        return s;
    }
}
