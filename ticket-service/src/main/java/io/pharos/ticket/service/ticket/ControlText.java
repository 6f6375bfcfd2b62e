package io.pharos.ticket.service.ticket;

import java.util.List;

import io.pharos.commons.text.ControlCharacters;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.TemplateUse;
import io.pharos.ticket.api.TicketPatch;

/**
 * The input types without control characters, whichever edge built them: REST bodies lose them when
 * read, but a merge patch read as a tree and GraphQL arguments reach the services as they came, and
 * PostgreSQL refuses NUL (a 500 far from the edge). Stripped, as everywhere else in Pharos.
 */
final class ControlText {

    private ControlText() {
    }

    static TicketPatch of(TicketPatch p) {
        return new TicketPatch(s(p.subject()), p.status(), p.priority(), list(p.tags()), s(p.language()), s(p.assigneeId()), p.assigneeSet(),
                s(p.team()), p.teamSet());
    }

    static CreateTicketRequest of(CreateTicketRequest r) {
        return new CreateTicketRequest(s(r.subject()), r.channel(), r.priority(), of(r.requester()), of(r.message()), list(r.tags()),
                r.createdAt(), s(r.externalId()), s(r.team()), s(r.language()));
    }

    static MessageInput of(MessageInput m) {
        return m == null ? null : new MessageInput(s(m.text()), s(m.html()), m.visibility(), m.author(), m.createdAt(), s(m.externalId()),
                s(m.authorId()), s(m.channelId()), list(m.cc()), list(m.bcc()), of(m.template()), m.attachmentIds());
    }

    private static TemplateUse of(TemplateUse t) {
        return t == null ? null : new TemplateUse(s(t.name()), s(t.language()), list(t.bodyParameters()), list(t.buttonParameters()));
    }

    private static IdentityInput of(IdentityInput i) {
        return i == null ? null : new IdentityInput(s(i.name()), s(i.email()), s(i.phone()), s(i.whatsapp()), s(i.telegram()),
                s(i.messenger()), s(i.instagram()), s(i.chat()), s(i.externalId()), s(i.language()));
    }

    private static List<String> list(List<String> values) {
        return values == null ? null : values.stream().map(ControlText::s).toList();
    }

    private static String s(String text) {
        return ControlCharacters.strip(text);
    }
}
