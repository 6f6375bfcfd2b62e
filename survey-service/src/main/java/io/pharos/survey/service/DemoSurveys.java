package io.pharos.survey.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pharos.survey.api.SurveyDefinitionInput;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.model.SurveyType;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The demo surveys for the local run ({@code pharos.surveys.seed-demo}): acme's
 * CSAT on 1–5, sent as soon as a ticket is solved, and a relationship NPS every 90 days, defined
 * but disabled (enabled, it would invite every customer at once). Each is added once, by name, so
 * what an admin changes in them survives restarts.
 */
@ApplicationScoped
public class DemoSurveys {

    private static final Logger LOG = Logger.getLogger(DemoSurveys.class);
    static final String TENANT = "acme";
    static final String CSAT = "Acme CSAT";
    static final String NPS = "Acme NPS";

    private final SurveyDefinitionService surveys;
    private final boolean seed;

    public DemoSurveys(SurveyDefinitionService surveys, @ConfigProperty(name = "pharos.surveys.seed-demo", defaultValue = "false") boolean seed) {
        this.surveys = surveys;
        this.seed = seed;
    }

    void seed(@Observes StartupEvent start) throws Throwable {
        if (!seed) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> surveys.addIfAbsent(TENANT, List.of(
                new SurveyDefinitionInput(CSAT, SurveyType.CSAT, null, null, SurveyDefinition.Trigger.TICKET_SOLVED, 0, null, null,
                        null, null, null, null, true),
                new SurveyDefinitionInput(NPS, SurveyType.NPS, null, null, SurveyDefinition.Trigger.RELATIONSHIP, null, null, null,
                        SurveyDefinition.SendVia.EMAIL, null, null, 90, false))));
        LOG.info("demo surveys of acme present");
    }
}
