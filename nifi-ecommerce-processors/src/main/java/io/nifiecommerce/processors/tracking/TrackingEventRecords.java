package io.nifiecommerce.processors.tracking;

import io.nifiecommerce.tracking.TrackingEvent;
import io.nifiecommerce.tracking.TrackingLocation;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The NiFi record form of a tracking event. eventTime and estimatedDeliveryAt are ISO-8601 strings so the carrier's
 * offset survives; estimatedDeliveryAt is the field PutShopifyFulfillment sends as the event's estimated delivery.
 */
final class TrackingEventRecords {

    static final RecordSchema LOCATION_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("city", RecordFieldType.STRING.getDataType(), true),
            new RecordField("postalCode", RecordFieldType.STRING.getDataType(), true),
            new RecordField("country", RecordFieldType.STRING.getDataType(), true)));

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("orderReference", RecordFieldType.STRING.getDataType(), true),
            new RecordField("trackingNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("carrier", RecordFieldType.STRING.getDataType(), true),
            new RecordField("carrierValid", RecordFieldType.BOOLEAN.getDataType(), false),
            new RecordField("shopifyCarrierName", RecordFieldType.STRING.getDataType(), true),
            new RecordField("trackingUrl", RecordFieldType.STRING.getDataType(), true),
            new RecordField("status", RecordFieldType.STRING.getDataType(), false),
            new RecordField("statusFinal", RecordFieldType.BOOLEAN.getDataType(), false),
            new RecordField("shopifyEventStatus", RecordFieldType.STRING.getDataType(), true),
            new RecordField("rawCode", RecordFieldType.STRING.getDataType(), true),
            new RecordField("rawLabel", RecordFieldType.STRING.getDataType(), true),
            new RecordField("eventTime", RecordFieldType.STRING.getDataType(), true),
            new RecordField("location", RecordFieldType.RECORD.getRecordDataType(LOCATION_SCHEMA), true),
            new RecordField("sourceFormat", RecordFieldType.STRING.getDataType(), false),
            new RecordField("carrierCandidates", RecordFieldType.STRING.getDataType(), true),
            new RecordField("estimatedDeliveryAt", RecordFieldType.STRING.getDataType(), true)));

    private TrackingEventRecords() {
    }

    static Record toRecord(final TrackingEvent event, final RecordSchema schema) {
        final Map<String, Object> values = new HashMap<>(20);
        values.put("orderReference", event.orderReference());
        values.put("trackingNumber", event.trackingNumber());
        values.put("carrier", event.carrier());
        values.put("carrierValid", event.carrierValid());
        values.put("shopifyCarrierName", event.shopifyCarrierName());
        values.put("trackingUrl", event.trackingUrl());
        values.put("status", event.status().name());
        values.put("statusFinal", event.statusFinal());
        values.put("shopifyEventStatus", event.shopifyEventStatus());
        values.put("rawCode", event.rawCode());
        values.put("rawLabel", event.rawLabel());
        values.put("eventTime", event.eventTime() == null ? null : event.eventTime().toString());
        final TrackingLocation location = event.location();
        if (location != null && location != TrackingLocation.NONE) {
            final Map<String, Object> place = new HashMap<>(4);
            place.put("city", location.city());
            place.put("postalCode", location.postalCode());
            place.put("country", location.country());
            values.put("location", new MapRecord(LOCATION_SCHEMA, place));
        }
        values.put("sourceFormat", event.sourceFormat().name());
        values.put("carrierCandidates", event.carrierCandidates());
        values.put("estimatedDeliveryAt", event.estimatedDeliveryAt() == null ? null : event.estimatedDeliveryAt().toString());
        return new MapRecord(schema, values);
    }
}
