package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ReadinessCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * What creating sales orders needs from a company, read without writing anything: sales documents,
 * posted documents (for the duplicate check), the default customer, items. For the Verify button.
 */
public final class SalesOrderReadiness {

    private final BusinessCentralClient client;
    private final BusinessCentralEndpoint endpoint;
    private final String companyId;

    public SalesOrderReadiness(final BusinessCentralClient client, final String companyId) {
        this.client = client;
        this.endpoint = client.endpoint();
        this.companyId = companyId;
    }

    /** @param defaultCustomer the B2C default customer number, or null */
    public List<ReadinessCheck> checks(final String defaultCustomer) {
        final List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(ReadinessCheck.probe("Read sales orders", () -> "Sales orders readable (" + sample("salesOrders", null) + " on a sample page). "
                + "Creating needs write permission on sales documents (e.g. D365 SALES DOC, EDIT); it is checked by the first order sent."));
        checks.add(ReadinessCheck.probe("Read posted documents", () -> "salesInvoices and salesShipments readable ("
                + sample("salesInvoices", null) + ", " + sample("salesShipments", null)
                + " on a sample page): the duplicate check can see invoiced orders"));
        if (defaultCustomer != null) {
            checks.add(ReadinessCheck.probe("Look up default customer", () -> {
                if (sample("customers", ODataFilter.eq("number", defaultCustomer)) == 0) {
                    throw new IllegalStateException("B2C Default Customer " + defaultCustomer + " does not exist");
                }
                return "Customer " + defaultCustomer + " exists";
            }));
        } else {
            checks.add(ReadinessCheck.probe("Look up customers", () -> "Customers readable (" + sample("customers", null) + " on a sample page)"));
        }
        checks.add(ReadinessCheck.probe("Look up items", () -> {
            final JsonNode items = client.get(endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "items") + "?$top=1&$select=number,gtin"), 0);
            final JsonNode first = items.path("value").path(0);
            return first.isMissingNode() ? "No items in the company" : "Sample item " + first.path("number").asText()
                    + (first.path("gtin").asText("").isEmpty() ? " (no GTIN)" : " GTIN " + first.path("gtin").asText());
        }));
        return checks;
    }

    private int sample(final String set, final String filter) {
        final String url = BusinessCentralEndpoint.companyPath(companyId, set) + "?$top=5&$select=id"
                + (filter == null ? "" : "&$filter=" + ODataFilter.encode(filter));
        return client.get(endpoint.resolve(url), 0).path("value").size();
    }
}
