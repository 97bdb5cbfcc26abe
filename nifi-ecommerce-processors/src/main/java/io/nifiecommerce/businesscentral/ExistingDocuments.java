package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The idempotency check: which external document numbers BC already has. An order that has been
 * shipped and invoiced has left salesOrders, so salesInvoices and salesShipments are searched too,
 * all in the same {@code $batch}.
 */
public final class ExistingDocuments {

    public static final List<String> ENTITY_SETS = List.of("salesOrders", "salesInvoices", "salesShipments");
    static final String FIELD = "externalDocumentNumber";

    private final BatchedLookup lookup;

    public ExistingDocuments(final BatchedLookup lookup) {
        this.lookup = lookup;
    }

    /** External document number to the first document found, salesOrders first. */
    public Map<String, ExistingDocument> find(final Collection<String> externalDocumentNumbers) {
        final Map<String, ExistingDocument> found = new HashMap<>();
        if (externalDocumentNumbers.isEmpty()) {
            return found;
        }
        final List<String> keys = List.copyOf(externalDocumentNumbers);
        final List<Map<String, List<JsonNode>>> results = lookup.find(ENTITY_SETS.stream()
                .map(set -> new LookupQuery(set, FIELD, keys, "id,number," + FIELD))
                .toList());
        for (int i = 0; i < ENTITY_SETS.size(); i++) {
            final String set = ENTITY_SETS.get(i);
            results.get(i).forEach((key, values) -> {
                final JsonNode first = values.get(0);
                found.putIfAbsent(key, new ExistingDocument(set, first.path("id").asText(null), first.path("number").asText(null)));
            });
        }
        return found;
    }
}
