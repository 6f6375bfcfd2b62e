package io.pharos.channel.model;

import org.eclipse.microprofile.graphql.Description;

/** Meta's categories of WhatsApp message templates. */
@Description("Category of a WhatsApp message template, as Meta prices and reviews it")
public enum TemplateCategory {
    MARKETING, UTILITY, AUTHENTICATION
}
