package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads open sales orders by id with their lines, {@code $batch}ed 100 to a request: one GET of
 * {@code salesOrders(id)?$expand=salesOrderLines} each. BC serves salesOrderLines on their own only with
 * a filter on one document, so expanding the order is the documented way to read many.
 */
public final class OpenSalesOrders {

    static final String SELECT = "$select=id,number,status&$expand=salesOrderLines($select=lineType,lineObjectNumber,quantity,shippedQuantity)";
    private static final int OPERATIONS_PER_BATCH = 100;

    private final BusinessCentralClient client;
    private final String companyId;

    public OpenSalesOrders(final BusinessCentralClient client, final String companyId) {
        this.client = client;
        this.companyId = companyId;
    }

    /** Each id to its order; an id BC no longer has (deleted, or posted in full since it was found) is absent. */
    public Map<String, OpenSalesOrder> read(final List<String> ids) {
        final Map<String, OpenSalesOrder> found = new HashMap<>();
        for (final List<String> chunk : ODataFilter.chunks(ids, OPERATIONS_PER_BATCH)) {
            final List<BatchOperation> operations = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                operations.add(BatchOperation.get(String.valueOf(i + 1), url(companyId, chunk.get(i)) + "?" + SELECT));
            }
            final List<BatchResult> answers = client.batch(operations, false, true);
            for (int i = 0; i < chunk.size(); i++) {
                final BatchResult answer = answers.get(i);
                if (answer.isSuccess()) {
                    final JsonNode order = answer.body();
                    found.put(chunk.get(i), OpenSalesOrder.of(order));
                } else if (answer.status() != 404) {
                    throw new ApiException(BusinessCentralError.classify(answer.status(), answer.errorCode()), answer.status(),
                            answer.errorCode(), "Reading sales order " + chunk.get(i) + " failed: " + answer.errorMessage());
                }
            }
        }
        return found;
    }

    static String url(final String companyId, final String orderId) {
        return BusinessCentralEndpoint.companyPath(companyId, "salesOrders(" + orderId + ")");
    }
}
