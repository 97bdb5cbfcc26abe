package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.SalesOrderDraft;
import io.nifiecommerce.businesscentral.SalesOrderMapper;
import io.nifiecommerce.order.Order;

import java.util.ArrayList;
import java.util.List;

/**
 * The pattern public workflows use: look the order up by external document number, POST the header,
 * then POST each line to {@code salesOrders({id})/salesOrderLines}. 1 + 1 + lines requests per order.
 * Same payload as the bundle (its mapper), split into header and lines.
 */
final class NaiveOrderWriter implements OrderWriter {

    private final SalesOrderMapper mapper = new SalesOrderMapper(MappingOptions.defaults());
    private final String customer;

    NaiveOrderWriter(final String customer) {
        this.customer = customer;
    }

    @Override
    public String name() {
        return "header POST + one POST per line + lookup";
    }

    @Override
    public void write(final PlainODataClient client, final Order order) throws Exception {
        final List<String> items = new ArrayList<>();
        order.lines().forEach(line -> items.add(line.sku()));
        final SalesOrderDraft draft = mapper.map(order, customer, items);
        if (client.findFirst("salesOrders", "externalDocumentNumber", draft.externalDocumentNumber()) != null) {
            return;
        }
        final ObjectNode header = draft.body().deepCopy();
        final JsonNode lines = header.remove("salesOrderLines");
        final String id = client.post("salesOrders", header).path("id").asText();
        for (final JsonNode line : lines) {
            client.post("salesOrders(" + id + ")/salesOrderLines", line);
        }
    }
}
