package io.pharos.channel.service.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.channel.api.TemplateButton;
import io.pharos.channel.api.TemplateInput;
import io.pharos.channel.model.TemplateButtonType;

/**
 * Meta's rules for a message template's content, and its two JSON shapes: the {@code components} a
 * template is submitted with (Business Management API, developers.facebook.com/documentation/business-messaging/whatsapp/templates/components)
 * and the {@code template} object a message sends it with (Cloud API, .../whatsapp/messages/template-messages).
 */
final class TemplateRules {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final String DYNAMIC_SUFFIX = "{{1}}";

    private TemplateRules() {
    }

    /** What is wrong with the template, in words an admin can act on; empty when nothing. */
    static List<String> problems(TemplateInput in) {
        List<String> problems = new ArrayList<>();
        TreeSet<Integer> numbers = new TreeSet<>();
        Matcher m = VARIABLE.matcher(in.bodyText());
        while (m.find()) {
            if (!m.group(1).matches("[1-9][0-9]{0,2}")) {
                problems.add("bodyText: {{" + m.group(1) + "}} is not a numbered variable ({{1}}, {{2}} …)");
                continue;
            }
            numbers.add(Integer.parseInt(m.group(1)));
        }
        if (!numbers.isEmpty() && (numbers.first() != 1 || numbers.last() != numbers.size())) {
            problems.add("bodyText: variables are numbered from {{1}} without gaps; found " + numbers);
        }
        int examples = in.bodyExamples() == null ? 0 : in.bodyExamples().size();
        if (examples > 0 && in.bodyExamples().stream().anyMatch(e -> e == null || e.isBlank() || e.length() > 1024)) {
            problems.add("bodyExamples: each example is a text of 1 to 1024 characters");
        }
        if (examples != numbers.size()) {
            problems.add("bodyExamples: one example per variable is needed (" + numbers.size() + " variables, " + examples + " examples)");
        }
        if (in.headerText() != null && in.headerText().contains("{{")) {
            problems.add("headerText: variables are supported in the body only");
        }
        if (in.footerText() != null && in.footerText().contains("{{")) {
            problems.add("footerText: a footer has no variables");
        }
        List<TemplateButton> buttons = in.buttons() == null ? List.of() : in.buttons();
        for (int i = 0; i < buttons.size(); i++) {
            if (buttons.get(i) == null) {
                problems.add("buttons[" + i + "]: missing");
            } else {
                problems.addAll(buttonProblems(i, buttons.get(i)));
            }
        }
        return problems;
    }

    private static List<String> buttonProblems(int i, TemplateButton b) {
        String at = "buttons[" + i + "]: ";
        List<String> problems = new ArrayList<>();
        switch (b.type()) {
            case URL -> {
                if (b.url() == null || !b.url().startsWith("https://") && !b.url().startsWith("http://")) {
                    problems.add(at + "a URL button needs its url (http or https)");
                } else if (dynamic(b)) {
                    if (b.url().indexOf("{{") != b.url().length() - DYNAMIC_SUFFIX.length()) {
                        problems.add(at + "the url may only end in {{1}}");
                    } else if (b.example() == null || b.example().isBlank()) {
                        problems.add(at + "a url ending in {{1}} needs an example value");
                    }
                }
            }
            case PHONE_NUMBER -> {
                if (b.phoneNumber() == null || !b.phoneNumber().matches("\\+?[0-9]{6,19}")) {
                    problems.add(at + "a PHONE_NUMBER button needs its phoneNumber, with country code");
                }
            }
            case QUICK_REPLY -> {
                if (b.url() != null || b.phoneNumber() != null) {
                    problems.add(at + "a QUICK_REPLY button has neither url nor phoneNumber");
                }
            }
        }
        return problems;
    }

    static boolean dynamic(TemplateButton b) {
        return b.type() == TemplateButtonType.URL && b.url() != null && b.url().endsWith(DYNAMIC_SUFFIX);
    }

    /** The body with each {{n}} replaced by the n-th value: what the customer reads. */
    static String fill(String body, List<String> values) {
        Matcher m = VARIABLE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(n - 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The request body of {@code POST /{waba-id}/message_templates}. */
    static ObjectNode submission(ObjectMapper json, TemplateInput t) {
        ObjectNode root = json.createObjectNode().put("name", t.name()).put("language", t.language()).put("category", t.category().name());
        ArrayNode components = root.putArray("components");
        if (t.headerText() != null && !t.headerText().isBlank()) {
            components.addObject().put("type", "HEADER").put("format", "TEXT").put("text", t.headerText());
        }
        ObjectNode body = components.addObject().put("type", "BODY").put("text", t.bodyText());
        if (t.bodyExamples() != null && !t.bodyExamples().isEmpty()) {
            ArrayNode values = body.putObject("example").putArray("body_text").addArray();
            t.bodyExamples().forEach(values::add);
        }
        if (t.footerText() != null && !t.footerText().isBlank()) {
            components.addObject().put("type", "FOOTER").put("text", t.footerText());
        }
        if (t.buttons() != null && !t.buttons().isEmpty()) {
            ArrayNode buttons = components.addObject().put("type", "BUTTONS").putArray("buttons");
            for (TemplateButton b : t.buttons()) {
                ObjectNode button = buttons.addObject().put("type", b.type().name()).put("text", b.text());
                switch (b.type()) {
                    case URL -> {
                        button.put("url", b.url());
                        if (dynamic(b)) {
                            button.putArray("example").add(b.example());
                        }
                    }
                    case PHONE_NUMBER -> button.put("phone_number", b.phoneNumber());
                    case QUICK_REPLY -> {
                    }
                }
            }
        }
        return root;
    }

    /**
     * The {@code template} object of a message: the body's values as text parameters, and each URL button
     * ending in {{1}} with its value, by the button's index among all the template's buttons.
     */
    static ObjectNode message(ObjectMapper json, TemplateInput t, List<String> bodyValues, List<String> buttonValues) {
        ObjectNode template = json.createObjectNode().put("name", t.name());
        template.putObject("language").put("code", t.language());
        ArrayNode components = template.putArray("components");
        if (!bodyValues.isEmpty()) {
            ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
            bodyValues.forEach(v -> parameters.addObject().put("type", "text").put("text", v));
        }
        List<TemplateButton> buttons = t.buttons() == null ? List.of() : t.buttons();
        int dynamicSeen = 0;
        for (int i = 0; i < buttons.size(); i++) {
            if (dynamic(buttons.get(i))) {
                ObjectNode button = components.addObject().put("type", "button").put("sub_type", "url").put("index", String.valueOf(i));
                button.putArray("parameters").addObject().put("type", "text").put("text", buttonValues.get(dynamicSeen++));
            }
        }
        return template;
    }

    static long dynamicButtons(TemplateInput t) {
        return t.buttons() == null ? 0 : t.buttons().stream().filter(TemplateRules::dynamic).count();
    }

    static int variables(String body) {
        TreeSet<Integer> numbers = new TreeSet<>();
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            if (m.group(1).matches("[0-9]+")) {
                numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        return numbers.size();
    }
}
