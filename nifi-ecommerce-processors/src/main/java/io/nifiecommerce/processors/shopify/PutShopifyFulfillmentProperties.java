package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.shopify.fulfillment.OrderReference;
import io.nifiecommerce.shopify.fulfillment.StatusPolicy;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;

/**
 * PutShopifyFulfillment's property descriptors, their allowable values and the shipment fields they configure, kept out
 * of the processor so that it stays a thin adapter.
 */
final class PutShopifyFulfillmentProperties {

    static final AllowableValue REFERENCE_NAME = new AllowableValue("name", "Order Name",
            "The order's name as the shop shows it, e.g. #1001 (a missing # is tolerated)");
    static final AllowableValue REFERENCE_ID = new AllowableValue("id", "Order ID",
            "The order's id: gid://shopify/Order/123 or 123");

    static final AllowableValue FULFILL_ON_FIRST_EVENT = new AllowableValue(StatusPolicy.FIRST_EVENT.name(), "First Carrier Event",
            "Any carrier event creates the fulfillment, including the first scan or the label registration (status PENDING). CANCELLED never does.");
    static final AllowableValue FULFILL_ON_SHIPPED = new AllowableValue(StatusPolicy.SHIPPED.name(), "Shipped Statuses",
            "Only statuses meaning the parcel has left: PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, DELIVERED, "
                    + "ATTEMPT_FAILED, DELAYED, EXCEPTION, RETURNED_TO_SENDER (and Shopify's equivalents).");
    static final AllowableValue FULFILL_ON_FINAL = new AllowableValue(StatusPolicy.FINAL.name(), "Final Statuses",
            "Only DELIVERED or a status the carrier marked final.");

    static final PropertyDescriptor SHOPIFY_CONNECTION_SERVICE = new PropertyDescriptor.Builder()
            .name("Shopify Connection Service")
            .description("The shop to fulfill orders in: its endpoint, API version, credentials and shared rate budget")
            .identifiesControllerService(ShopifyConnectionService.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads the shipment records");

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the records with their outcome fields to success, failure and retry");

    static final PropertyDescriptor ORDER_REFERENCE_FIELD = new PropertyDescriptor.Builder()
            .name("Order Reference Field")
            .description("Record field(s) holding the Shopify order's name or id, comma-separated: the first that holds a value is used")
            .required(true)
            .defaultValue("orderReference,externalDocumentNumber")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor ORDER_REFERENCE_KIND = new PropertyDescriptor.Builder()
            .name("Order Reference Kind")
            .description("Whether the order reference is the order's name (#1001) or its id")
            .required(true)
            .allowableValues(REFERENCE_NAME, REFERENCE_ID)
            .defaultValue(REFERENCE_NAME.getValue())
            .build();

    static final PropertyDescriptor TRACKING_NUMBER_FIELD = new PropertyDescriptor.Builder()
            .name("Tracking Number Field")
            .description("Record field(s) holding the tracking number, comma-separated: the first that holds a value is used. "
                    + "The field may hold one number, an array, or numbers separated by commas")
            .required(true)
            .defaultValue("trackingNumber,trackingNumbers,packageTrackingNo")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor CARRIER_FIELD = new PropertyDescriptor.Builder()
            .name("Carrier Field")
            .description("Record field(s) holding the tracking company exactly as Shopify names it (e.g. Colissimo, DHL Express, UPS); "
                    + "Shopify builds tracking links only for names it knows")
            .required(true)
            .defaultValue("shopifyCarrierName")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor TRACKING_URL_FIELD = new PropertyDescriptor.Builder()
            .name("Tracking URL Field")
            .description("Record field(s) holding the tracking URL(s), parallel to the tracking numbers. URLs are sent only when every number has one")
            .required(false)
            .defaultValue("trackingUrl,trackingUrls")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor LINES_FIELD = new PropertyDescriptor.Builder()
            .name("Lines Field")
            .description("Record field holding the lines shipped, for partial fulfillments: an array of records with sku (or lineObjectNumber) "
                    + "or lineItemId (a Shopify gid), and quantity; or a string SKU:QUANTITY,SKU:QUANTITY. Without it, or when empty, "
                    + "everything that remains on the order (at the location, if given) is fulfilled")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor LOCATION_FIELD = new PropertyDescriptor.Builder()
            .name("Location Field")
            .description("Record field holding the Shopify location shipped from (gid, numeric id or name). Without it, "
                    + "fulfillment orders of every location are fulfilled, one fulfillment per location")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor STATUS_FIELD = new PropertyDescriptor.Builder()
            .name("Status Field")
            .description("Record field holding the carrier's canonical status; records without it are always fulfilled")
            .required(false)
            .defaultValue("status")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor STATUS_FINAL_FIELD = new PropertyDescriptor.Builder()
            .name("Status Final Field")
            .description("Record field holding whether the carrier's status is final (true/false)")
            .required(false)
            .defaultValue("statusFinal")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor EVENT_TIME_FIELD = new PropertyDescriptor.Builder()
            .name("Event Time Field")
            .description("Record field holding when the carrier saw the event (ISO-8601 or timestamp): decides which event of a parcel is the latest")
            .required(false)
            .defaultValue("eventTime")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor FULFILL_ON = new PropertyDescriptor.Builder()
            .name("Fulfill On")
            .description("Which carrier statuses create or update a fulfillment. Records of other statuses go to success with outcome SKIPPED")
            .required(true)
            .allowableValues(FULFILL_ON_FIRST_EVENT, FULFILL_ON_SHIPPED, FULFILL_ON_FINAL)
            .defaultValue(FULFILL_ON_FIRST_EVENT.getValue())
            .build();

    static final PropertyDescriptor GROUP_BY_ORDER = new PropertyDescriptor.Builder()
            .name("Group Tracking Numbers By Order")
            .description("Fold the records of one FlowFile that concern the same order into one shipment: the events of one parcel count "
                    + "once (only the latest status matters) and the parcels of one order without lines become one fulfillment with "
                    + "several tracking numbers. When false, every record is a shipment of its own")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final PropertyDescriptor NOTIFY_CUSTOMER = new PropertyDescriptor.Builder()
            .name("Notify Customer")
            .description("Whether Shopify emails the customer the shipping confirmation (and tracking updates)")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor POST_EVENTS = new PropertyDescriptor.Builder()
            .name("Post Fulfillment Events")
            .description("Post each tracking record's status to the fulfillment carrying its tracking number as a Shopify fulfillment event "
                    + "(fulfillmentEventCreate), so that the customer sees in transit, out for delivery, attempted delivery, delivered and "
                    + "the estimated delivery date. Events already on the fulfillment (same status and time) are not posted again. "
                    + "Needs the write_fulfillments scope")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final PropertyDescriptor EVENT_STATUS_FIELD = new PropertyDescriptor.Builder()
            .name("Shopify Event Status Field")
            .description("Record field(s) holding Shopify's FulfillmentEventStatus (IN_TRANSIT, OUT_FOR_DELIVERY, ATTEMPTED_DELIVERY, DELIVERED...). "
                    + "When it holds none, the canonical status of the Status Field is mapped; records with neither post no event")
            .required(false)
            .defaultValue("shopifyEventStatus")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(POST_EVENTS, "true")
            .build();

    static final PropertyDescriptor ESTIMATED_DELIVERY_FIELD = new PropertyDescriptor.Builder()
            .name("Estimated Delivery Field")
            .description("Record field(s) holding the delivery date the carrier announces (ISO-8601 or timestamp), sent as the event's estimatedDeliveryAt")
            .required(false)
            .defaultValue("estimatedDeliveryAt,estimatedDelivery")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(POST_EVENTS, "true")
            .build();

    static final PropertyDescriptor EVENT_MESSAGE_FIELD = new PropertyDescriptor.Builder()
            .name("Event Message Field")
            .description("Record field(s) holding the carrier's label of the event, sent as the event's message")
            .required(false)
            .defaultValue("rawLabel")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(POST_EVENTS, "true")
            .build();

    static final PropertyDescriptor EVENT_LOCATION_FIELD = new PropertyDescriptor.Builder()
            .name("Event Location Field")
            .description("Record field holding where the event happened: a record with city, postalCode (or zip) and country")
            .required(false)
            .defaultValue("location")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(POST_EVENTS, "true")
            .build();

    /** In the order the reference documents them. */
    static final List<PropertyDescriptor> DESCRIPTORS = List.of(
            SHOPIFY_CONNECTION_SERVICE, RECORD_READER, RECORD_WRITER, ORDER_REFERENCE_FIELD, ORDER_REFERENCE_KIND, TRACKING_NUMBER_FIELD,
            CARRIER_FIELD, TRACKING_URL_FIELD, LINES_FIELD, LOCATION_FIELD, STATUS_FIELD, STATUS_FINAL_FIELD, EVENT_TIME_FIELD,
            FULFILL_ON, GROUP_BY_ORDER, NOTIFY_CUSTOMER, POST_EVENTS, EVENT_STATUS_FIELD, ESTIMATED_DELIVERY_FIELD, EVENT_MESSAGE_FIELD,
            EVENT_LOCATION_FIELD);

    private PutShopifyFulfillmentProperties() {
    }

    /** The record fields a shipment is read from, as configured. */
    static ShipmentFields shipmentFields(final ProcessContext context) {
        final OrderReference.Kind kind = REFERENCE_ID.getValue().equals(context.getProperty(ORDER_REFERENCE_KIND).getValue())
                ? OrderReference.Kind.ID : OrderReference.Kind.NAME;
        return new ShipmentFields(context.getProperty(ORDER_REFERENCE_FIELD).getValue(), kind,
                context.getProperty(TRACKING_NUMBER_FIELD).getValue(), context.getProperty(CARRIER_FIELD).getValue(),
                context.getProperty(TRACKING_URL_FIELD).getValue(), context.getProperty(LINES_FIELD).getValue(),
                context.getProperty(LOCATION_FIELD).getValue(), context.getProperty(STATUS_FIELD).getValue(),
                context.getProperty(STATUS_FINAL_FIELD).getValue(), context.getProperty(EVENT_TIME_FIELD).getValue());
    }
}
