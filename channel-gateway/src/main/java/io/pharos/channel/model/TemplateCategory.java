package io.pharos.channel.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** Meta's categories of WhatsApp message templates. */
@Description("Category of a WhatsApp message template, as Meta prices and reviews it")
@Name("WhatsAppTemplateCategory") // the federated graph is shared: the name says whose templates
public enum TemplateCategory {
    MARKETING, UTILITY, AUTHENTICATION
}
