package io.pharos.commons.graphql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import io.pharos.commons.graphql.QueryLimitViolation.Code;

/**
 * Measures one operation against {@link QueryLimits} by walking its document (fragments expanded),
 * before it is validated or run, and throws {@link QueryLimitViolation} at the first limit crossed.
 * The walk stops as soon as the cost passes the maximum, and every field costs at least 1, so it
 * is bounded however the document was built (fragment fan-outs included).
 *
 * <p>Cost: a field costs how many times it would resolve, the product of the sizes of the lists
 * above it. A field with a page-size argument ({@code first}, {@code last}, {@code limit}) counts
 * that many items, or the argument's schema default when it is left out; the list directly below
 * such a field ({@code edges} of a connection) adds nothing more. Any other list counts
 * {@code defaultListSize} items, and {@code _entities} as many as it was given representations.
 * Introspection below {@code __schema}/{@code __type} is left to graphql-java's good-faith check.
 */
final class QueryShape {

    private static final Set<String> PAGE_ARGUMENTS = Set.of("first", "last", "limit");
    private static final long CAP = Long.MAX_VALUE / 4;

    private final QueryLimits limits;
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Set<String> fragmentPath = new HashSet<>();
    private long cost;
    private int aliases;

    private QueryShape(QueryLimits limits, GraphQLSchema schema, Map<String, FragmentDefinition> fragments,
            Map<String, Object> variables) {
        this.limits = limits;
        this.schema = schema;
        this.fragments = fragments;
        this.variables = variables == null ? Map.of() : variables;
    }

    /** Throws {@link QueryLimitViolation} when the operation asks for more than the limits allow. */
    static void check(QueryLimits limits, GraphQLSchema schema, OperationDefinition operation,
            Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
        QueryShape shape = new QueryShape(limits, schema, fragments, variables);
        GraphQLObjectType root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        // the most telling limit first: depth, then aliases, root fields, and the cost with page sizes
        shape.depth(operation.getSelectionSet(), 0, new HashMap<>());
        shape.countAliases(operation.getSelectionSet(), new HashSet<>());
        int rootFields = shape.countRootFields(operation.getSelectionSet(), 0);
        if (rootFields > limits.maxRootFields()) {
            throw new QueryLimitViolation(Code.TOO_MANY_ROOT_FIELDS, "The operation asks for " + rootFields
                    + " root fields; at most " + limits.maxRootFields() + " are allowed", operation.getSourceLocation());
        }
        shape.walk(operation.getSelectionSet(), root, 0, 1, false);
    }

    /**
     * The deepest field below a selection set, {@code above} fields down; each fragment is measured
     * once (its depth does not depend on where it is spread), so this stays linear in the document.
     */
    private int depth(SelectionSet set, int above, Map<String, Integer> fragmentDepths) {
        int deepest = 0;
        if (set == null) {
            return 0;
        }
        for (Selection<?> selection : set.getSelections()) {
            int depth = 0;
            if (selection instanceof Field field) {
                if (field.getName().startsWith("__") && !field.getName().equals("__typename")) {
                    depth = 1; // introspection: graphql-java's good-faith check bounds what lies below
                } else {
                    if (above + 1 > limits.maxDepth()) {
                        throw new QueryLimitViolation(Code.QUERY_TOO_DEEP, "The document nests fields " + (above + 1)
                                + " deep or more; at most " + limits.maxDepth() + " levels are allowed", field.getSourceLocation());
                    }
                    depth = 1 + depth(field.getSelectionSet(), above + 1, fragmentDepths);
                }
            } else if (selection instanceof InlineFragment inline) {
                depth = depth(inline.getSelectionSet(), above, fragmentDepths);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                Integer known = fragmentDepths.get(spread.getName());
                if (known == null) {
                    fragmentDepths.put(spread.getName(), 0); // a cycle (validation refuses it) adds nothing
                    known = depth(fragments.get(spread.getName()).getSelectionSet(), 0, fragmentDepths);
                    fragmentDepths.put(spread.getName(), known);
                }
                depth = known;
                if (above + depth > limits.maxDepth()) {
                    throw new QueryLimitViolation(Code.QUERY_TOO_DEEP, "The document nests fields " + (above + depth)
                            + " deep or more; at most " + limits.maxDepth() + " levels are allowed", spread.getSourceLocation());
                }
            }
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    /** Aliases as written: each fragment counts once, however often it is spread. */
    private void countAliases(SelectionSet set, Set<String> seenFragments) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (field.getAlias() != null && ++aliases > limits.maxAliases()) {
                    throw new QueryLimitViolation(Code.TOO_MANY_ALIASES, "The document has more than " + limits.maxAliases()
                            + " aliases", field.getSourceLocation());
                }
                countAliases(field.getSelectionSet(), seenFragments);
            } else if (selection instanceof InlineFragment inline) {
                countAliases(inline.getSelectionSet(), seenFragments);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
                    && seenFragments.add(spread.getName())) {
                countAliases(fragments.get(spread.getName()).getSelectionSet(), seenFragments);
            }
        }
    }

    private int countRootFields(SelectionSet set, int sofar) {
        int count = sofar;
        for (Selection<?> selection : set.getSelections()) {
            if (count > limits.maxRootFields()) {
                return count;
            }
            if (selection instanceof Field) {
                count++;
            } else if (selection instanceof InlineFragment inline) {
                count = countRootFields(inline.getSelectionSet(), count);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
                    && fragmentPath.add(spread.getName())) {
                count = countRootFields(fragments.get(spread.getName()).getSelectionSet(), count);
                fragmentPath.remove(spread.getName());
            }
        }
        return count;
    }

    /**
     * @param depth      fields above this selection set
     * @param multiplier how many times this selection set resolves
     * @param paged      whether the field owning this set took a page size (its own list children add nothing)
     */
    private void walk(SelectionSet set, GraphQLType parent, int depth, long multiplier, boolean paged) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                field(field, parent, depth, multiplier, paged);
            } else if (selection instanceof InlineFragment inline) {
                GraphQLType type = inline.getTypeCondition() == null ? parent : schema.getType(inline.getTypeCondition().getName());
                walk(inline.getSelectionSet(), type, depth, multiplier, paged);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                // an unknown or cyclic spread is validation's to reject; it resolves nothing
                if (fragment != null && fragmentPath.add(spread.getName())) {
                    walk(fragment.getSelectionSet(), schema.getType(fragment.getTypeCondition().getName()), depth, multiplier, paged);
                    fragmentPath.remove(spread.getName());
                }
            }
        }
    }

    private void field(Field field, GraphQLType parent, int depth, long multiplier, boolean paged) {
        int level = depth + 1;
        addCost(multiplier, field);
        String name = field.getName();
        if (name.equals("__schema") || name.equals("__type")) {
            if (!limits.introspection()) {
                throw new QueryLimitViolation(Code.INTROSPECTION_DISABLED, "Introspection is disabled here; "
                        + "the schema is published through the gateway", field.getSourceLocation());
            }
            return;
        }
        GraphQLFieldDefinition definition = parent instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(name) : null;
        GraphQLType type = definition == null ? null : GraphQLTypeUtil.unwrapNonNull(definition.getType());
        boolean list = type != null && GraphQLTypeUtil.isList(type);
        Long pageSize = pageSize(field, definition);
        long below;
        if (depth == 0 && name.equals("_entities")) {
            below = times(multiplier, representations(field));
        } else if (pageSize != null) {
            below = times(multiplier, pageSize);
        } else if (list && !paged) {
            below = times(multiplier, limits.defaultListSize());
        } else {
            below = multiplier;
        }
        GraphQLNamedType named = type == null ? null : GraphQLTypeUtil.unwrapAll(type);
        walk(field.getSelectionSet(), named, level, below, pageSize != null && !list);
    }

    private void addCost(long multiplier, Field field) {
        cost = Math.min(CAP, cost + multiplier);
        if (cost > limits.maxCost()) {
            throw new QueryLimitViolation(Code.QUERY_TOO_COSTLY, "The query would resolve more than " + limits.maxCost()
                    + " fields (lists count by their page size, nested lists multiply); ask for smaller pages or fewer nested lists",
                    field.getSourceLocation());
        }
    }

    /** The page size a field is asked for, its schema default when left out, or null when it takes none. */
    private Long pageSize(Field field, GraphQLFieldDefinition definition) {
        Long size = null;
        for (Argument argument : field.getArguments()) {
            if (PAGE_ARGUMENTS.contains(argument.getName())) {
                Long given = number(argument.getValue());
                if (given == null && definition != null && definition.getArgument(argument.getName()) != null) {
                    given = schemaDefault(definition.getArgument(argument.getName()));
                }
                size = max(size, given == null ? Long.valueOf(limits.defaultListSize()) : given);
            }
        }
        if (size == null && definition != null) {
            for (GraphQLArgument argument : definition.getArguments()) {
                if (PAGE_ARGUMENTS.contains(argument.getName())) {
                    Long fallback = schemaDefault(argument);
                    size = max(size, fallback == null ? Long.valueOf(limits.defaultListSize()) : fallback);
                }
            }
        }
        if (size != null && size > limits.maxPageSize()) {
            throw new QueryLimitViolation(Code.PAGE_TOO_LARGE, "A page of " + size + " items is asked for; at most "
                    + limits.maxPageSize() + " are allowed", field.getSourceLocation());
        }
        return size == null ? null : Math.max(1, size);
    }

    private long representations(Field field) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("representations")) {
                Value<?> value = argument.getValue();
                if (value instanceof ArrayValue array) {
                    return Math.max(1, array.getValues().size());
                }
                if (value instanceof VariableReference ref && variables.get(ref.getName()) instanceof List<?> given) {
                    return Math.max(1, given.size());
                }
            }
        }
        return limits.defaultListSize();
    }

    private Long number(Value<?> value) {
        if (value instanceof IntValue literal) {
            return clamp(literal.getValue().longValue());
        }
        if (value instanceof VariableReference ref && variables.get(ref.getName()) instanceof Number given) {
            return clamp(given.longValue());
        }
        return null; // a variable left out (the schema default applies) or no number at all (validation refuses it)
    }

    private static Long schemaDefault(GraphQLArgument argument) {
        if (argument.hasSetDefaultValue() && argument.getArgumentDefaultValue().getValue() instanceof Object raw) {
            if (raw instanceof Number n) {
                return n.longValue();
            }
            if (raw instanceof IntValue literal) {
                return literal.getValue().longValue();
            }
        }
        return null;
    }

    private static Long clamp(long value) {
        return Math.max(0, value);
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : Math.max(a, b);
    }

    private static long times(long a, long b) {
        return b != 0 && a > CAP / b ? CAP : a * b;
    }
}
