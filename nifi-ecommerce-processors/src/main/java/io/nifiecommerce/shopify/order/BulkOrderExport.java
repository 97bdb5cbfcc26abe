package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A backfill through a bulk operation: start {@code bulkOperationRunQuery} over an updated_at range,
 * poll it, then stream its JSONL result. Grouped output puts each order's line and shipping-line
 * records right after it ({@code __parentId}), so orders are rebuilt one at a time in constant
 * memory, in the same shape as a page's order nodes, and handed to the caller as they complete.
 */
public final class BulkOrderExport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The state of a bulk operation: CREATED RUNNING COMPLETED CANCELING CANCELED FAILED EXPIRED. */
    public record Status(String id, String status, String errorCode, String url, long objectCount) {

        public boolean running() {
            return "CREATED".equals(status) || "RUNNING".equals(status) || "CANCELING".equals(status);
        }

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    private final ShopifyGraphQlClient client;

    public BulkOrderExport(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /** Starts the export of the orders matching the search; returns the operation id. */
    public String start(final String search) {
        // not retried after an ambiguous failure: a second bulk operation would run beside the first
        final GraphQlResponse response = client.executeMutation(ShopifyDocument.BULK_ORDERS_RUN.text(),
                Map.of("query", ShopifyDocument.bulkOrdersQuery(search)));
        final JsonNode errors = response.at("bulkOperationRunQuery.userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            final JsonNode first = errors.get(0);
            final String code = first.path("code").asText("INVALID");
            // another bulk query of this app still running: worth trying again later
            final ErrorClass errorClass = "OPERATION_IN_PROGRESS".equals(code) || "LIMIT_REACHED".equals(code)
                    ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT;
            throw new ApiException(errorClass, 200, code, "Shopify refused the bulk query: " + first.path("message").asText());
        }
        final String id = response.at("bulkOperationRunQuery.bulkOperation.id").asText(null);
        if (id == null) {
            throw ApiException.unreadable(200, "bulkOperationRunQuery answered without an operation", null);
        }
        return id;
    }

    public Status status(final String id) {
        final JsonNode operation = client.execute(ShopifyDocument.BULK_OPERATION_STATUS.text(), Map.of("id", id)).at("bulkOperation");
        if (operation.isMissingNode() || operation.isNull()) {
            return new Status(id, "EXPIRED", "NOT_FOUND", null, 0);
        }
        return new Status(id, operation.path("status").asText(), operation.path("errorCode").asText(null),
                operation.path("url").asText(null), operation.path("objectCount").asLong(0));
    }

    /** The API version Shopify served the last call with. */
    public String servedApiVersion() {
        return client.servedApiVersion();
    }

    /** Streams the result file and hands over each complete order; returns how many there were. */
    public long read(final URI url, final Consumer<ObjectNode> orders) {
        try (InputStream in = client.download(url)) {
            return reassemble(in, orders);
        } catch (final IOException e) {
            throw new ApiException(ErrorClass.TRANSIENT, 0, "IO_ERROR", "I/O error reading the bulk operation result", null, e);
        }
    }

    /** Rebuilds orders from grouped JSONL: a parent line, then its children carrying its id in __parentId. */
    public static long reassemble(final InputStream jsonl, final Consumer<ObjectNode> orders) throws IOException {
        long count = 0;
        ObjectNode current = null;
        try (JsonParser parser = MAPPER.createParser(jsonl);
             MappingIterator<ObjectNode> lines = MAPPER.readerFor(ObjectNode.class).readValues(parser)) {
            while (lines.hasNextValue()) {
                final ObjectNode line = lines.nextValue();
                final JsonNode parentId = line.remove("__parentId");
                if (parentId == null) {
                    if (current != null) {
                        orders.accept(current);
                        count++;
                    }
                    current = line;
                    current.putObject("lineItems").putArray("nodes");
                    current.putObject("shippingLines").putArray("nodes");
                    continue;
                }
                if (current == null || !parentId.asText().equals(current.path("id").asText())) {
                    throw new IllegalStateException("Bulk result line for " + parentId.asText()
                            + " does not follow its order: the operation was not run with groupObjects");
                }
                final JsonNode type = line.remove("__typename");
                final String connection = type != null && "ShippingLine".equals(type.asText()) ? "shippingLines" : "lineItems";
                ((ArrayNode) current.path(connection).path("nodes")).add(line);
            }
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
        if (current != null) {
            orders.accept(current);
            count++;
        }
        return count;
    }
}
