package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.schema.DataFetcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Bulk query operations: {@code bulkOperationRunQuery} checks the query (see {@link BulkQueryRules}),
 * limits a shop to five running operations, then runs the query on a virtual thread without page
 * limits and writes the JSONL Shopify would: one object per line, nested connection nodes on their
 * own lines with {@code __parentId}; with {@code groupObjects} children follow their parent,
 * without it every parent comes first.
 */
final class BulkOperations {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RUNNING = 5;

    private BulkOperations() {
    }

    static DataFetcher<Object> run() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final String query = env.getArgument("query");
            final Boolean grouped = env.getArgument("groupObjects");
            final ShopifySchemas.ApiVersion version = ShopifySchemas.version(context.apiVersion());
            final List<String> problems = BulkQueryRules.problems(query, version.schema());
            final UserErrors errors = new UserErrors("BulkOperationUserError");
            problems.forEach(problem -> errors.add(List.of("query"), problem, "INVALID"));
            if (errors.isEmpty()) {
                final DocumentCache.Entry entry = version.documents().get(query);
                if (!entry.errors().isEmpty()) {
                    errors.add(List.of("query"), "Invalid bulk query: " + entry.errors().get(0).getMessage(), "INVALID");
                }
            }
            if (!errors.isEmpty()) {
                return payload(null, errors.list());
            }
            final Shop shop = context.shop();
            final BulkOperationState state;
            synchronized (context.operations()) {
                final Instant now = Instant.now();
                final List<BulkOperationState> running = context.operations().bulkOperations().values().stream()
                        .filter(operation -> operation.active(now)).sorted(Comparator.comparingLong(operation -> operation.id)).toList();
                if (running.size() >= MAX_RUNNING) {
                    final UserErrors limit = new UserErrors("BulkOperationUserError");
                    limit.add(null, "A bulk query operation for this app and shop is already in progress: "
                            + String.join(", ", running.stream().map(operation -> Gid.of("BulkOperation", operation.id)).toList()) + ".",
                            "OPERATION_IN_PROGRESS");
                    return payload(null, limit.list());
                }
                state = new BulkOperationState(shop.nextId(), query, grouped != null && grouped, now, context.operations().bulkRunTime());
                context.operations().bulkOperations().put(state.id, state);
            }
            context.stats().increment("shopify.bulkOperations.started");
            Thread.ofVirtual().name("bulk-" + state.id).start(() -> execute(context, version, state));
            return payload(state.graph(state.createdAt, context.operations().baseUrl()), List.of());
        };
    }

    static DataFetcher<Object> byId() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final OptionalLong id = Gid.parse(env.getArgument("id"), "BulkOperation");
            return id.isEmpty() ? null : Optional.ofNullable(context.operations().bulkOperations().get(id.getAsLong()))
                    .map(state -> state.graph(Instant.now(), context.operations().baseUrl())).orElse(null);
        };
    }

    static DataFetcher<Object> current() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            return context.operations().bulkOperations().values().stream().max(Comparator.comparingLong(state -> state.id))
                    .map(state -> state.graph(Instant.now(), context.operations().baseUrl())).orElse(null);
        };
    }

    static DataFetcher<Object> cancel() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final OptionalLong id = Gid.parse(env.getArgument("id"), "BulkOperation");
            final BulkOperationState state = id.isEmpty() ? null : context.operations().bulkOperations().get(id.getAsLong());
            if (state == null) {
                return payload(null, new UserErrors("UserError").add(List.of("id"), "Bulk operation does not exist", null).list());
            }
            if (!state.active(Instant.now())) {
                return payload(state.graph(Instant.now(), context.operations().baseUrl()), new UserErrors("UserError").add(null,
                        "A bulk operation cannot be canceled when it is " + state.status(Instant.now()).toLowerCase(java.util.Locale.ROOT), null).list());
            }
            state.canceled = true;
            return payload(state.graph(Instant.now(), context.operations().baseUrl()), List.of());
        };
    }

    private static void execute(final RequestContext context, final ShopifySchemas.ApiVersion version, final BulkOperationState state) {
        try {
            final RequestContext bulk = new RequestContext(context.shop(), context.graph(), context.operations(), context.stats(), true,
                    context.apiVersion(), context.accessScopes());
            final ExecutionResult result = version.graphql().execute(ExecutionInput.newExecutionInput().query(state.query)
                    .graphQLContext(Map.of(RequestContext.class, bulk)).build());
            if (!result.getErrors().isEmpty() && result.getData() == null) {
                state.errorCode = "INTERNAL_SERVER_ERROR";
                return;
            }
            final Map<String, Object> data = result.getData();
            final List<Map<String, Object>> roots = new ArrayList<>();
            final List<Map<String, Object>> children = new ArrayList<>();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            long[] counts = new long[2];
            for (final Object value : data.values()) {
                for (final Map<String, Object> node : nodes(value)) {
                    counts[1]++;
                    flatten(node, null, state.groupObjects, out, children, counts);
                }
            }
            for (final Map<String, Object> child : children) {
                write(out, child, counts);
            }
            state.objectCount = counts[0];
            state.rootObjectCount = counts[1];
            state.result = out.toByteArray();
            context.stats().increment("shopify.bulkOperations.completed");
        } catch (final RuntimeException e) {
            state.errorCode = "INTERNAL_SERVER_ERROR";
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(final Object connection) {
        if (!(connection instanceof Map<?, ?> map) || !(map.get("edges") instanceof List<?> edges)) {
            return List.of();
        }
        final List<Map<String, Object>> nodes = new ArrayList<>();
        for (final Object edge : edges) {
            if (edge instanceof Map<?, ?> edgeMap && edgeMap.get("node") instanceof Map<?, ?> node) {
                nodes.add((Map<String, Object>) node);
            }
        }
        return nodes;
    }

    private static void flatten(final Map<String, Object> node, final String parentId, final boolean grouped, final ByteArrayOutputStream out,
                                final List<Map<String, Object>> deferred, final long[] counts) {
        final Map<String, Object> line = new LinkedHashMap<>();
        final List<Map<String, Object>> nested = new ArrayList<>();
        for (final Map.Entry<String, Object> entry : node.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> value && value.containsKey("edges")) {
                nested.addAll(nodes(value));
            } else {
                line.put(entry.getKey(), entry.getValue());
            }
        }
        if (parentId != null) {
            line.put("__parentId", parentId);
        }
        if (parentId == null || grouped) {
            write(out, line, counts);
        } else {
            deferred.add(line);
        }
        final String id = String.valueOf(node.get("id"));
        for (final Map<String, Object> child : nested) {
            flatten(child, id, grouped, out, deferred, counts);
        }
    }

    private static void write(final ByteArrayOutputStream out, final Map<String, Object> line, final long[] counts) {
        try {
            out.write(MAPPER.writeValueAsBytes(line));
            out.write('\n');
            counts[0]++;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> payload(final Map<String, Object> operation, final List<Map<String, Object>> errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put("bulkOperation", operation);
        payload.put("userErrors", errors);
        return payload;
    }
}
