package io.nifiecommerce.tracking;

import java.time.OffsetDateTime;

/** A tracking event with its carrier attributed and its status mapped to the canonical set. */
public record TrackingEvent(String orderReference, String trackingNumber, String carrier, boolean carrierValid,
                            String shopifyCarrierName, String trackingUrl, TrackingStatus status, String rawCode,
                            String rawLabel, OffsetDateTime eventTime, TrackingLocation location, SourceFormat sourceFormat) {

    public boolean statusFinal() {
        return status.isFinal();
    }

    public String shopifyEventStatus() {
        return status.shopifyEventStatus();
    }
}
