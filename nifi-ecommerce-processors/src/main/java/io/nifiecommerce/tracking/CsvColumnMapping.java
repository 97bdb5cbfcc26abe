package io.nifiecommerce.tracking;

/**
 * Which CSV header names hold which event field. Tracking number and status columns are required; the others
 * may be null (absent from the file).
 */
public record CsvColumnMapping(String trackingNumber, String status, String statusLabel, String eventTime,
                               String orderReference, String carrier, String city, String postalCode, String country,
                               char delimiter) {

    public static CsvColumnMapping defaults() {
        return new CsvColumnMapping("tracking_number", "status", "status_label", "event_time", "order_reference", "carrier",
                "city", "postal_code", "country", ',');
    }
}
