package io.pharos.channel.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** The kinds of button a WhatsApp message template may carry. */
@Description("Kind of a WhatsApp template button: a quick reply, a link (its URL may end in {{1}}) or a phone number to call")
@Name("WhatsAppTemplateButtonType") // the federated graph is shared: the name says whose templates
public enum TemplateButtonType {
    QUICK_REPLY, URL, PHONE_NUMBER
}
