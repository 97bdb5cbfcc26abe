package io.nifiecommerce.tracking;

import java.time.OffsetDateTime;

/**
 * A tracking event with its carrier attributed and its status mapped to the canonical set. When the number fits
 * several carriers' formats and neither the feed nor the configured default carrier decides, {@code carrier} is
 * null and {@code carrierCandidates} lists the families that fit (comma-separated); otherwise it is null.
 * {@code estimatedDeliveryAt} is the delivery date the carrier announces, when the feed carries one.
 */
public record TrackingEvent(String orderReference, String trackingNumber, String carrier, boolean carrierValid,
                            String shopifyCarrierName, String trackingUrl, TrackingStatus status, String rawCode,
                            String rawLabel, OffsetDateTime eventTime, TrackingLocation location, SourceFormat sourceFormat,
                            String carrierCandidates, OffsetDateTime estimatedDeliveryAt) {

    public boolean statusFinal() {
        return status.isFinal();
    }

    public String shopifyEventStatus() {
        return status.shopifyEventStatus();
    }
}
