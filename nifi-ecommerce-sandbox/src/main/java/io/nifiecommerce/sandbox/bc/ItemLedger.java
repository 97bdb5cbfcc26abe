package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * BC's item ledger: every stock movement (sale, purchase, adjustment) is an entry, and an item's
 * {@code inventory} is a FlowField, the sum of its entries' quantities. Posting an entry recomputes
 * that field without modifying the item record, so the item's {@code lastModifiedDateTime} and ETag
 * stay what they were: an incremental read of {@code items} does not see stock movements, as in BC.
 * Per-location sums are kept as BC's SIFT index on Item No. + Location Code would give them, and
 * served as the rows of the bundle's stock-by-location API query ({@link BcStockByLocation}); the
 * standard itemLedgerEntries page has no location. Runs under the store lock; every change is journaled.
 */
final class ItemLedger {

    static final String SALE = "Sale";
    static final String PURCHASE = "Purchase";
    static final String POSITIVE_ADJUSTMENT = "Positive Adjmt.";
    static final String NEGATIVE_ADJUSTMENT = "Negative Adjmt.";

    private final BcStore store;
    private final BcTable items;
    private final BcTable entries;
    private final BcTable locations;
    /** The rows of the bundle's stock-by-location API query ({@link BcStockByLocation}). */
    private final BcTable stockByLocation;
    /** Item No. -> Location Code -> quantity. */
    private final Map<String, Map<String, BigDecimal>> sums = new HashMap<>();
    private int lastEntryNumber;

    ItemLedger(final BcStore store, final BcTable items, final BcTable entries, final BcTable locations, final BcTable stockByLocation) {
        this.store = store;
        this.stockByLocation = stockByLocation;
        this.items = items;
        this.entries = entries;
        this.locations = locations;
    }

    /**
     * Posts one entry and recomputes the item's inventory.
     *
     * @param quantity positive into stock, negative out of it
     * @param locationCode a location code, {@code ""} for none
     */
    void post(final BcRow item, final String entryType, final BigDecimal quantity, final String locationCode, final String documentType,
              final String documentNumber, final String sourceType, final String sourceNumber, final BigDecimal salesAmount) {
        if (quantity.signum() == 0) {
            return;
        }
        final String itemNumber = item.data().path("number").asText();
        final String location = locationCode == null ? "" : locationCode.trim().toUpperCase(Locale.ROOT);
        if (!location.isEmpty() && locations.byField("code", location) == null) {
            throw BcApiError.relatedNotFound("Location", "Code='" + location + "'");
        }
        final int entryNumber = ++lastEntryNumber;
        store.journal(() -> lastEntryNumber = entryNumber - 1);
        final ObjectNode entry = EntityBody.blank(entries.type());
        final String id = store.newId();
        entry.put("id", id).put("entryNumber", entryNumber).put("itemNumber", itemNumber)
                .put("postingDate", LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString()).put("entryType", entryType)
                .put("sourceNumber", sourceNumber).put("sourceType", sourceType).put("documentNumber", documentNumber)
                .put("documentType", documentType).put("description", item.data().path("displayName").asText())
                .put("quantity", quantity).put("salesAmountActual", salesAmount)
                .put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        entries.insert(id, entry);

        final Map<String, BigDecimal> byLocation = sums.computeIfAbsent(itemNumber, n -> new TreeMap<>());
        final BigDecimal before = byLocation.getOrDefault(location, BigDecimal.ZERO);
        byLocation.put(location, before.add(quantity));
        store.journal(() -> byLocation.put(location, before));
        final String rowKey = itemNumber + "|" + location;
        final BcRow sum = stockByLocation.get(rowKey);
        final ObjectNode row = sum == null ? EntityBody.blank(stockByLocation.type()) : sum.data().deepCopy();
        row.put("itemNumber", itemNumber).put("locationCode", location).put("inventory", before.add(quantity));
        if (sum == null) {
            stockByLocation.insert(rowKey, row);
        } else {
            stockByLocation.recomputed(sum, row);
        }

        final BcRow current = items.get(item.id());
        final ObjectNode data = current.data().deepCopy();
        data.put("inventory", current.data().path("inventory").decimalValue().add(quantity));
        items.recomputed(current, data);
    }

    /** Posts the adjustment that brings the item's inventory (all locations) to {@code target}. */
    void adjustTo(final BcRow item, final BigDecimal target, final String locationCode, final String documentNumber) {
        final BigDecimal current = items.get(item.id()).data().path("inventory").decimalValue();
        final BigDecimal difference = target.subtract(current);
        post(item, difference.signum() >= 0 ? POSITIVE_ADJUSTMENT : NEGATIVE_ADJUSTMENT, difference, locationCode, "", documentNumber,
                "", "", BigDecimal.ZERO);
    }

    /** Whether the item already has an adjustment entry under this document number (bc-extension's itemJournalAdjustments). */
    boolean hasAdjustment(final String itemNumber, final String documentNumber) {
        return entries.rows().stream().map(BcRow::data).anyMatch(e -> e.path("itemNumber").asText().equals(itemNumber)
                && e.path("documentNumber").asText().equals(documentNumber)
                && (e.path("entryType").asText().equals(POSITIVE_ADJUSTMENT) || e.path("entryType").asText().equals(NEGATIVE_ADJUSTMENT)));
    }

    /** The location code of a location id ({@code ""} for the blank GUID or an unknown one). */
    String locationCode(final String locationId) {
        final BcRow location = locationId == null ? null : locations.get(locationId);
        return location == null ? "" : location.data().path("code").asText();
    }

    Map<String, BigDecimal> byLocation(final String itemNumber) {
        return Map.copyOf(sums.getOrDefault(itemNumber, Map.of()));
    }

    void clear() {
        sums.clear();
        lastEntryNumber = 0;
    }
}
