package io.nifiecommerce.shopify.fulfillment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The GraphQL documents sent to fulfill shipments, kept as {@code .graphql} resources next to this
 * class so that a unit test validates exactly what is sent against the Admin API schema.
 */
public final class FulfillmentDocuments {

    public static final String ORDER_BY_NAME = load("OrderByName.graphql");
    public static final String ORDER_BY_ID = load("OrderById.graphql");
    public static final String FULFILLMENT_CREATE = load("FulfillmentCreate.graphql");
    public static final String TRACKING_INFO_UPDATE = load("FulfillmentTrackingInfoUpdate.graphql");
    public static final String VERIFY_ACCESS = load("VerifyFulfillmentAccess.graphql");
    public static final String FULFILLMENT_EVENTS = load("FulfillmentEvents.graphql");
    public static final String FULFILLMENT_EVENT_CREATE = load("FulfillmentEventCreate.graphql");

    private static final String ORDER_STATE_FRAGMENT = "OrderFulfillmentState";

    private FulfillmentDocuments() {
    }

    /** Every document, by resource name, as sent: for the schema validation test. */
    public static List<String> all() {
        return List.of(ORDER_BY_NAME, ORDER_BY_ID, FULFILLMENT_CREATE, TRACKING_INFO_UPDATE, VERIFY_ACCESS, FULFILLMENT_EVENTS,
                FULFILLMENT_EVENT_CREATE);
    }

    private static String load(final String name) {
        final String document = read(name);
        // the order state is shared by both order look-ups; the fragment travels with each document using it
        return document.contains("..." + ORDER_STATE_FRAGMENT) ? document + "\n" + read(ORDER_STATE_FRAGMENT + ".fragment.graphql") : document;
    }

    private static String read(final String name) {
        try (InputStream in = FulfillmentDocuments.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("GraphQL document " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
