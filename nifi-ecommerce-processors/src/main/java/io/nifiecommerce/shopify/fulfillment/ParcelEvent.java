package io.nifiecommerce.shopify.fulfillment;

import java.time.Instant;
import java.util.Objects;

/**
 * A carrier event of one parcel, as a Shopify fulfillment event ({@code FulfillmentEventInput}) of the
 * fulfillment carrying its tracking number.
 *
 * @param trackingNumber the parcel's tracking number: the event goes to the fulfillment(s) carrying it
 * @param status Shopify's {@code FulfillmentEventStatus} (IN_TRANSIT, OUT_FOR_DELIVERY, ATTEMPTED_DELIVERY, DELIVERED...)
 * @param happenedAt when the carrier saw it, or null (Shopify then takes the time of the call)
 * @param estimatedDeliveryAt the delivery date the carrier announces, or null
 * @param message the carrier's label of the event, or null
 */
public record ParcelEvent(String trackingNumber, String status, Instant happenedAt, Instant estimatedDeliveryAt, String message,
                          String city, String zip, String country) {

    public ParcelEvent {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(status, "status");
    }
}
