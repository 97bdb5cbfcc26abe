package io.nifiecommerce.benchmarks;

import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.SalesOrderDraft;
import io.nifiecommerce.businesscentral.SalesOrderMapper;
import io.nifiecommerce.order.Order;

import java.util.ArrayList;
import java.util.List;

/** One lookup by external document number, then one deep insert (header and lines in one POST) per order, no {@code $batch}. */
final class UnbatchedDeepInsertWriter implements OrderWriter {

    private final SalesOrderMapper mapper = new SalesOrderMapper(MappingOptions.defaults());
    private final String customer;

    UnbatchedDeepInsertWriter(final String customer) {
        this.customer = customer;
    }

    @Override
    public String name() {
        return "deep insert per order, no $batch (+ lookup)";
    }

    @Override
    public void write(final PlainODataClient client, final Order order) throws Exception {
        final List<String> items = new ArrayList<>();
        order.lines().forEach(line -> items.add(line.sku()));
        final SalesOrderDraft draft = mapper.map(order, customer, items);
        if (client.findFirst("salesOrders", "externalDocumentNumber", draft.externalDocumentNumber()) == null) {
            client.post("salesOrders", draft.body());
        }
    }
}
