package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BatchedLookup;
import io.nifiecommerce.businesscentral.LookupQuery;
import io.nifiecommerce.order.Amount;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock levels read from Business Central items: the offer SKU is the item number, the available quantity the item's
 * {@code inventory} (a FlowField over the item ledger, every location). One batched request for many SKUs.
 */
public final class BusinessCentralStock implements AcceptancePolicy.StockLevels {

    private final BatchedLookup lookup;

    public BusinessCentralStock(final BatchedLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Map<String, BigDecimal> available(final Collection<String> skus) {
        final Map<String, List<JsonNode>> items = lookup.find(List.of(new LookupQuery("items", "number", List.copyOf(skus), "number,inventory,blocked"))).get(0);
        final Map<String, BigDecimal> levels = new LinkedHashMap<>();
        items.forEach((number, rows) -> {
            final JsonNode item = rows.get(0);
            // a blocked item cannot be sold: as if unknown
            if (!item.path("blocked").asBoolean(false)) {
                levels.put(number, Amount.parse(item.path("inventory").asText("0")));
            }
        });
        return levels;
    }
}
