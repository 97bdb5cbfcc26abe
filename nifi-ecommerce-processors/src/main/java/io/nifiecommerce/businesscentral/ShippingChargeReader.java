package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads back the shipping charge BC computed for a sales document. API v2.0 has no shipping agent fields on its
 * sales document pages (salesOrders carries only shipmentMethodId): the charge is what BC puts on the document's lines.
 * A freight line is a line of the configured {@code lineType} and {@code lineObjectNumber}: an item charge
 * ({@code Charge}, e.g. S-FREIGHT) or a G/L account ({@code Account}). Its amounts are summed from the read-only,
 * computed fields {@code amountExcludingTax} and {@code amountIncludingTax}, so discounts and tax are BC's own.
 * BC deletes a sales order once it is fully invoiced: a sales order gone by the time it is read (shipped and invoiced
 * meanwhile, or while its record waited in retry) is read on the posted invoice made from it ({@code orderNumber}).
 */
public final class ShippingChargeReader {

    /** The line part of each sales document entity set PutBusinessCentralOrder may report. */
    static final Map<String, String> LINE_PARTS = Map.of("salesOrders", "salesOrderLines", "salesInvoices", "salesInvoiceLines");

    private final BusinessCentralClient client;
    private final String companyId;
    private final String lineType;
    private final String lineObjectNumber;

    public ShippingChargeReader(final BusinessCentralClient client, final String companyId, final String lineType, final String lineObjectNumber) {
        this.client = client;
        this.companyId = companyId;
        this.lineType = Objects.requireNonNull(lineType, "lineType");
        this.lineObjectNumber = Objects.requireNonNull(lineObjectNumber, "lineObjectNumber");
    }

    public static boolean readable(final String documentType) {
        return LINE_PARTS.containsKey(documentType);
    }

    /** The freight lines of one document; {@code lines() == 0} when it has none. */
    public ShippingCharge read(final String documentType, final String documentId, final String documentNumber) {
        try {
            return readLines(documentType, documentId, documentNumber);
        } catch (final ApiException e) {
            if (e.status() != 404 || !"salesOrders".equals(documentType) || documentNumber == null) {
                throw e;
            }
            final URI invoices = client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, "salesInvoices")
                    + "?$filter=" + ODataFilter.encode(ODataFilter.eq("orderNumber", documentNumber)) + "&$select=id");
            final List<JsonNode> posted = client.getAll(invoices, 0);
            if (posted.isEmpty()) {
                throw e;
            }
            return readLines("salesInvoices", posted.getFirst().path("id").asText(), documentNumber);
        }
    }

    private ShippingCharge readLines(final String documentType, final String documentId, final String documentNumber) {
        final String part = LINE_PARTS.get(documentType);
        if (part == null) {
            throw new IllegalArgumentException("No lines to read on " + documentType);
        }
        final String filter = ODataFilter.and(ODataFilter.eq("lineType", lineType), ODataFilter.eq("lineObjectNumber", lineObjectNumber));
        final URI uri = client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, documentType + "(" + documentId + ")/" + part)
                + "?$filter=" + ODataFilter.encode(filter) + "&$select=" + ODataFilter.encode("description,amountExcludingTax,amountIncludingTax"));
        final List<JsonNode> lines = client.getAll(uri, 0);
        BigDecimal excluding = BigDecimal.ZERO;
        BigDecimal including = BigDecimal.ZERO;
        String description = null;
        for (final JsonNode line : lines) {
            excluding = excluding.add(line.path("amountExcludingTax").decimalValue());
            including = including.add(line.path("amountIncludingTax").decimalValue());
            if (description == null && !line.path("description").asText().isBlank()) {
                description = line.path("description").asText();
            }
        }
        return new ShippingCharge(documentNumber, description, excluding, including, lines.size());
    }
}
