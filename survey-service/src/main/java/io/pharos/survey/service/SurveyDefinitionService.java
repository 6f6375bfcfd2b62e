package io.pharos.survey.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.rest.ProblemException;
import io.pharos.survey.api.SurveyDefinitionDto;
import io.pharos.survey.api.SurveyDefinitionInput;
import io.pharos.survey.api.SurveyTexts;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.model.SurveyType;
import io.pharos.survey.repository.SurveyDefinitionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Survey definitions per tenant, with the defaults of common practice and Greek and English texts. */
@ApplicationScoped
public class SurveyDefinitionService {

    static final Map<SurveyType, Map<String, SurveyTexts>> DEFAULT_TEXTS = Map.of(
            SurveyType.CSAT, Map.of(
                    "en", new SurveyTexts("How satisfied were you with the support you received?",
                            "What could we have done better?", "Thank you for your feedback!"),
                    "el", new SurveyTexts("Πόσο ικανοποιημένοι μείνατε από την εξυπηρέτηση που λάβατε;",
                            "Τι θα μπορούσαμε να κάνουμε καλύτερα;", "Σας ευχαριστούμε για τη γνώμη σας!")),
            SurveyType.NPS, Map.of(
                    "en", new SurveyTexts("How likely are you to recommend us to a friend or colleague?",
                            "What is the main reason for your score?", "Thank you for your feedback!"),
                    "el", new SurveyTexts("Πόσο πιθανό είναι να μας συστήσετε σε έναν φίλο ή συνάδελφο;",
                            "Ποιος είναι ο κύριος λόγος για τη βαθμολογία σας;", "Σας ευχαριστούμε για τη γνώμη σας!")),
            SurveyType.CES, Map.of(
                    "en", new SurveyTexts("How easy was it to get your issue resolved?", "What made it easy or hard?",
                            "Thank you for your feedback!"),
                    "el", new SurveyTexts("Πόσο εύκολο ήταν να επιλυθεί το θέμα σας;", "Τι το έκανε εύκολο ή δύσκολο;",
                            "Σας ευχαριστούμε για τη γνώμη σας!")));

    private final SurveyDefinitionRepository definitions;
    private final ObjectMapper json;

    public SurveyDefinitionService(SurveyDefinitionRepository definitions, ObjectMapper json) {
        this.definitions = definitions;
        this.json = json;
    }

    @WithTransaction
    public Uni<SurveyDefinitionDto> create(String tenant, SurveyDefinitionInput in) {
        SurveyDefinition d = new SurveyDefinition();
        d.id = UUID.randomUUID();
        d.tenant = tenant;
        d.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(d, in);
        return definitions.persist(d).map(this::toDto);
    }

    @WithTransaction
    public Uni<SurveyDefinitionDto> replace(String tenant, UUID id, SurveyDefinitionInput in) {
        return load(tenant, id).map(d -> {
            apply(d, in);
            return d;
        }).call(definitions::flush).map(this::toDto);
    }

    @WithSession
    public Uni<SurveyDefinitionDto> get(String tenant, UUID id) {
        return load(tenant, id).map(this::toDto);
    }

    @WithSession
    public Uni<List<SurveyDefinitionDto>> list(String tenant) {
        return definitions.ofTenant(tenant).map(list -> list.stream().map(this::toDto).toList());
    }

    /** Adds each definition whose name the tenant does not use yet (seeding); leaves existing ones as they are. */
    @WithTransaction
    public Uni<Void> addIfAbsent(String tenant, List<SurveyDefinitionInput> inputs) {
        return definitions.ofTenant(tenant).flatMap(existing -> {
            List<SurveyDefinition> missing = inputs.stream().filter(in -> existing.stream().noneMatch(d -> d.name.equals(in.name())))
                    .map(in -> {
                        SurveyDefinition d = new SurveyDefinition();
                        d.id = UUID.randomUUID();
                        d.tenant = tenant;
                        d.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        apply(d, in);
                        return d;
                    }).toList();
            return missing.isEmpty() ? Uni.createFrom().voidItem() : definitions.persist(missing);
        });
    }

    /** The one a tenant runs when it has defined none: CSAT 1–5 an hour after the solve. */
    public Uni<List<SurveyDefinition>> enabledOrDefault(String tenant, SurveyDefinition.Trigger trigger) {
        return definitions.count("tenant", tenant).flatMap(n -> {
            if (n > 0 || trigger != SurveyDefinition.Trigger.TICKET_SOLVED) {
                return definitions.enabled(tenant, trigger);
            }
            SurveyDefinition d = new SurveyDefinition();
            d.id = UUID.randomUUID();
            d.tenant = tenant;
            d.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            apply(d, new SurveyDefinitionInput("Customer satisfaction", SurveyType.CSAT, null, null, null, null, null, null,
                    null, null, null, null, null));
            return definitions.persist(d).map(List::of);
        });
    }

    Uni<SurveyDefinition> load(String tenant, UUID id) {
        return definitions.findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Survey", id));
    }

    private void apply(SurveyDefinition d, SurveyDefinitionInput in) {
        int[] scale = Scales.of(in.type(), in.scaleMax());
        d.name = in.name().strip();
        d.type = in.type();
        d.scaleMin = scale[0];
        d.scaleMax = scale[1];
        Map<String, SurveyTexts> texts = new LinkedHashMap<>(DEFAULT_TEXTS.get(in.type()));
        if (in.texts() != null) {
            in.texts().forEach((language, t) -> texts.put(language.toLowerCase(Locale.ROOT), t));
        }
        try {
            d.texts = json.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        d.trigger = in.trigger() != null ? in.trigger() : SurveyDefinition.Trigger.TICKET_SOLVED;
        d.delaySeconds = in.delaySeconds() != null ? in.delaySeconds() : 3600;
        d.channels = in.channels() == null ? new String[0]
                : in.channels().stream().map(c -> c.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        d.tags = in.tags() == null ? new String[0] : in.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        d.sendVia = in.sendVia() != null ? in.sendVia() : SurveyDefinition.SendVia.TICKET_CHANNEL;
        d.throttleDays = in.throttleDays() != null ? in.throttleDays() : 7;
        d.expiryHours = in.expiryHours() != null ? in.expiryHours() : 7 * 24;
        d.intervalDays = in.intervalDays() != null ? in.intervalDays() : 90;
        d.enabled = in.enabled() == null || in.enabled();
        d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public Map<String, SurveyTexts> texts(SurveyDefinition d) {
        try {
            return json.readValue(d.texts, new TypeReference<LinkedHashMap<String, SurveyTexts>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable texts of survey " + d.id, e);
        }
    }

    /** The texts in the customer's language: exact, then its base language (el-GR → el), then English. */
    public SurveyTexts textsFor(SurveyDefinition d, String language) {
        Map<String, SurveyTexts> texts = texts(d);
        if (language != null) {
            String lower = language.toLowerCase(Locale.ROOT);
            if (texts.containsKey(lower)) {
                return texts.get(lower);
            }
            String base = lower.split("[-_]")[0];
            if (texts.containsKey(base)) {
                return texts.get(base);
            }
        }
        return texts.getOrDefault("en", texts.values().iterator().next());
    }

    public static String languageOf(String language) {
        return language == null ? "en" : language.toLowerCase(Locale.ROOT).split("[-_]")[0];
    }

    SurveyDefinitionDto toDto(SurveyDefinition d) {
        return new SurveyDefinitionDto(d.id, d.name, d.type, d.scaleMin, d.scaleMax, texts(d), d.trigger, d.delaySeconds,
                Arrays.asList(d.channels), Arrays.asList(d.tags), d.sendVia, d.throttleDays, d.expiryHours,
                d.trigger == SurveyDefinition.Trigger.RELATIONSHIP ? d.intervalDays : null, d.enabled,
                d.createdAt, d.updatedAt, d.version);
    }

}
