package io.nifiecommerce.edi;

import java.util.Objects;
import java.util.Set;

/**
 * What to take from an inventory report. Empty sets mean the standard's defaults, which differ between
 * EDIFACT and X12 because their code lists differ.
 *
 * @param standard           the expected standard, or {@link EdiStockReader.Standard#AUTO} to detect it from the envelope
 * @param quantityQualifiers the quantity qualifiers to emit (default 145 "actual stock" for INVRPT, 33 "available" for 846)
 * @param skuQualifiers      the item number types read as SKU (default SA for INVRPT, SK for 846)
 * @param locationQualifiers the LOC (INVRPT) or N1 entity (846) qualifiers naming a warehouse (default 18 / WH)
 * @param defaultWarehouse   the warehouse used when the report names none, or null
 */
public record StockReadOptions(
        EdiStockReader.Standard standard,
        Set<String> quantityQualifiers,
        Set<String> skuQualifiers,
        Set<String> locationQualifiers,
        String defaultWarehouse) {

    static final Set<String> INVRPT_QUANTITY_QUALIFIERS = Set.of("145");
    static final Set<String> X12_QUANTITY_QUALIFIERS = Set.of("33");
    static final Set<String> INVRPT_SKU_QUALIFIERS = Set.of("SA");
    static final Set<String> X12_SKU_QUALIFIERS = Set.of("SK");
    static final Set<String> INVRPT_LOCATION_QUALIFIERS = Set.of("18");
    static final Set<String> X12_LOCATION_QUALIFIERS = Set.of("WH");

    public StockReadOptions {
        Objects.requireNonNull(standard, "standard");
        quantityQualifiers = quantityQualifiers == null ? Set.of() : Set.copyOf(quantityQualifiers);
        skuQualifiers = skuQualifiers == null ? Set.of() : Set.copyOf(skuQualifiers);
        locationQualifiers = locationQualifiers == null ? Set.of() : Set.copyOf(locationQualifiers);
        defaultWarehouse = defaultWarehouse == null || defaultWarehouse.isBlank() ? null : defaultWarehouse.trim();
    }

    public static StockReadOptions defaults() {
        return new StockReadOptions(EdiStockReader.Standard.AUTO, Set.of(), Set.of(), Set.of(), null);
    }

    public StockReadOptions withStandard(EdiStockReader.Standard newStandard) {
        return new StockReadOptions(newStandard, quantityQualifiers, skuQualifiers, locationQualifiers, defaultWarehouse);
    }

    public StockReadOptions withQuantityQualifiers(Set<String> qualifiers) {
        return new StockReadOptions(standard, qualifiers, skuQualifiers, locationQualifiers, defaultWarehouse);
    }

    public StockReadOptions withSkuQualifiers(Set<String> qualifiers) {
        return new StockReadOptions(standard, quantityQualifiers, qualifiers, locationQualifiers, defaultWarehouse);
    }

    public StockReadOptions withLocationQualifiers(Set<String> qualifiers) {
        return new StockReadOptions(standard, quantityQualifiers, skuQualifiers, qualifiers, defaultWarehouse);
    }

    public StockReadOptions withDefaultWarehouse(String warehouse) {
        return new StockReadOptions(standard, quantityQualifiers, skuQualifiers, locationQualifiers, warehouse);
    }

    static Set<String> orDefault(Set<String> configured, Set<String> fallback) {
        return configured.isEmpty() ? fallback : configured;
    }
}
