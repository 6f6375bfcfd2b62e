package io.pharos.channel.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** Where a WhatsApp message template stands: written here (DRAFT), then as Meta's review left it. */
@Description("Review status of a WhatsApp message template: DRAFT (not submitted), then Meta's PENDING, APPROVED, REJECTED, PAUSED, DISABLED")
@Name("WhatsAppTemplateStatus") // the federated graph is shared: the name says whose templates
public enum TemplateStatus {
    DRAFT, PENDING, APPROVED, REJECTED, PAUSED, DISABLED;

    /** Meta's status or event word ({@code APPROVED}, {@code PENDING_DELETION} …), or null when it is none of these. */
    public static TemplateStatus ofMeta(String word) {
        if (word == null) {
            return null;
        }
        for (TemplateStatus s : values()) {
            if (s != DRAFT && s.name().equalsIgnoreCase(word)) {
                return s;
            }
        }
        return null;
    }
}
