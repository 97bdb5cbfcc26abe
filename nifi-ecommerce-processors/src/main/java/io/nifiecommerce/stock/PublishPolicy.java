package io.nifiecommerce.stock;

import java.util.Map;
import java.util.Objects;

/**
 * Turns a source quantity into the quantity Shopify should show.
 * <ul>
 * <li>Safety stock is held back per location (a default for the others), so that the last units, often damaged or
 * already picked, are not sold online.</li>
 * <li>Negative results are published as zero: a negative ERP balance is a bookkeeping state, not stock.</li>
 * <li>With committed compensation, units the source still counts but Shopify orders already hold are subtracted
 * when writing {@code available} (Shopify would otherwise sell them twice). Writing {@code on_hand} needs no
 * compensation: Shopify subtracts its own committed units.</li>
 * </ul>
 */
public record PublishPolicy(QuantityName quantityName, long defaultSafetyStock, Map<String, Long> safetyStockByLocation,
                            boolean compensateCommitted) {

    /** Shopify refuses quantities above one billion. */
    public static final long MAX_QUANTITY = 1_000_000_000L;

    public PublishPolicy {
        Objects.requireNonNull(quantityName, "quantityName");
        if (defaultSafetyStock < 0) {
            throw new IllegalArgumentException("Safety stock must not be negative: " + defaultSafetyStock);
        }
        safetyStockByLocation = Map.copyOf(safetyStockByLocation == null ? Map.of() : safetyStockByLocation);
        safetyStockByLocation.forEach((location, units) -> {
            if (units < 0) {
                throw new IllegalArgumentException("Safety stock of " + location + " must not be negative: " + units);
            }
        });
    }

    public static PublishPolicy available() {
        return new PublishPolicy(QuantityName.AVAILABLE, 0, Map.of(), false);
    }

    public PublishPolicy withSafetyStock(long units, Map<String, Long> byLocation) {
        return new PublishPolicy(quantityName, units, byLocation, compensateCommitted);
    }

    public PublishPolicy withCommittedCompensation(boolean compensate) {
        return new PublishPolicy(quantityName, defaultSafetyStock, safetyStockByLocation, compensate);
    }

    public PublishPolicy withQuantityName(QuantityName name) {
        return new PublishPolicy(name, defaultSafetyStock, safetyStockByLocation, compensateCommitted);
    }

    /** The safety stock of a location, looked up by the source location code first, then by the Shopify location. */
    public long safetyStock(String locationCode, String shopifyLocationId) {
        Long units = locationCode == null ? null : safetyStockByLocation.get(locationCode);
        if (units == null && shopifyLocationId != null) {
            units = safetyStockByLocation.get(shopifyLocationId);
        }
        return units == null ? defaultSafetyStock : units;
    }

    /**
     * The quantity to publish.
     *
     * @param sourceQuantity    what the source reports
     * @param committed         units held by open orders, or null when unknown (then nothing is compensated)
     * @param locationCode      the source location code
     * @param shopifyLocationId the Shopify location
     */
    public long target(long sourceQuantity, Long committed, String locationCode, String shopifyLocationId) {
        long quantity = sourceQuantity - safetyStock(locationCode, shopifyLocationId);
        if (compensateCommitted && quantityName == QuantityName.AVAILABLE && committed != null && committed > 0) {
            quantity -= committed;
        }
        return Math.clamp(quantity, 0, MAX_QUANTITY);
    }
}
