package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Confirms the seller's own shipments of Amazon orders (merchant fulfilled) with the Orders API v0
 * {@code confirmShipment}, one package per parcel, so that Amazon neither cancels them nor counts them late.
 * <p>
 * Exactly once: each parcel is a package whose {@code packageReferenceId} is derived from its tracking number, so a
 * repeated confirmation names the same package (Amazon updates it, nothing is shipped twice); before sending, the
 * order is read (getOrder): an order already Shipped is left alone and counts as confirmed. A parcel without lines
 * ships every unit not shipped yet (getOrderItems' QuantityOrdered − QuantityShipped); a parcel with lines (SKU and
 * quantity) ships those, a partial shipment. Amazon's refusal of a package is checked against the order read again:
 * shipped meanwhile is success, cancelled is {@code ORDER_CANCELLED}, anything else goes to review with Amazon's message.
 * <p>
 * A transient failure (usage plan spent, 429 after the retries, 5xx) stops the pass: the parcels confirmed so far
 * stay confirmed, the others are to be retried.
 */
public final class AmazonShipments {

    /** An Amazon order id: 3-7-7 digits. */
    public static final Pattern ORDER_ID = Pattern.compile("\\d{3}-\\d{7}-\\d{7}");

    /** What became of a parcel. */
    public enum Result {
        /** confirmShipment accepted the package. */
        CONFIRMED,
        /** The order was shipped before (or the same package was confirmed): nothing sent. */
        ALREADY_SHIPPED,
        /** Not yet shippable (payment pending) or a transient failure: try again later. */
        RETRY,
        /** Amazon will not take it as it is (unknown or cancelled order, bad input): a person looks. */
        REVIEW
    }

    /** Units of one SKU in a parcel. */
    public record Line(String sku, int quantity) {
    }

    /**
     * One parcel of an Amazon order.
     *
     * @param carrierFamily the carrier family tracking detection named (colissimo, dhl...), or null
     * @param carrierName the carrier's name as the feed gave it, or null
     * @param shipDate when the parcel left (a tracking event's time), or null for now
     * @param lines the units in the parcel; empty for every unit not shipped yet
     */
    public record Shipment(String orderId, String trackingNumber, String carrierFamily, String carrierName, Instant shipDate, List<Line> lines) {

        public Shipment {
            lines = List.copyOf(lines);
        }
    }

    /** The outcome of one parcel: the order's status as last read, the package id sent, and why when not confirmed. */
    public record Confirmation(Result result, String orderStatus, String packageReferenceId, String code, String message) {
    }

    private final OrdersV0 api;
    private final AmazonCarrierCodes carriers;
    private final Clock clock;

    public AmazonShipments(final OrdersV0 api, final AmazonCarrierCodes carriers, final Clock clock) {
        this.api = api;
        this.carriers = carriers;
        this.clock = clock;
    }

    /**
     * Confirms the parcels in order, one outcome each. The events of one parcel (same order and tracking number) are
     * confirmed once and share its outcome. Refused credentials are thrown: nothing is known of the others.
     */
    public List<Confirmation> confirm(final List<Shipment> shipments) {
        final Map<String, Confirmation> parcels = new HashMap<>();
        final List<Confirmation> outcomes = new ArrayList<>(shipments.size());
        ApiException stopped = null;
        for (final Shipment shipment : shipments) {
            final String parcel = shipment.orderId() + "|" + shipment.trackingNumber();
            Confirmation outcome = parcels.get(parcel);
            if (outcome == null && stopped != null) {
                outcome = new Confirmation(Result.RETRY, null, null, stopped.code(), stopped.getMessage());
            } else if (outcome == null) {
                try {
                    outcome = confirmOne(shipment);
                } catch (final ApiException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    stopped = e;
                    outcome = new Confirmation(Result.RETRY, null, null, e.code(), e.getMessage());
                }
                if (outcome.result() != Result.RETRY) {
                    parcels.put(parcel, outcome);
                }
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private Confirmation confirmOne(final Shipment shipment) {
        final JsonNode order;
        try {
            order = api.order(shipment.orderId());
        } catch (final ApiException e) {
            return refused(e, null, null);
        }
        final String status = order.path("OrderStatus").asText();
        if ("AFN".equals(order.path("FulfillmentChannel").asText())) {
            return review(status, null, "FULFILLED_BY_AMAZON", "Amazon ships its own (FBA) orders: there is nothing to confirm");
        }
        switch (status) {
            case "Shipped", "InvoiceUnconfirmed" -> {
                return new Confirmation(Result.ALREADY_SHIPPED, status, null, null, null);
            }
            case "Canceled" -> {
                return review(status, null, "ORDER_CANCELLED", "Order " + shipment.orderId() + " was cancelled on Amazon");
            }
            case "Pending", "PendingAvailability" -> {
                return new Confirmation(Result.RETRY, status, null, "ORDER_NOT_PAID",
                        "Order " + shipment.orderId() + " is " + status + ": Amazon takes a shipment once the payment is authorised");
            }
            case "Unshipped", "PartiallyShipped" -> {
                // shippable: below
            }
            default -> {
                return review(status, null, "ORDER_NOT_SHIPPABLE", "Order " + shipment.orderId() + " is " + (status.isEmpty() ? "without status" : status));
            }
        }
        final List<JsonNode> items = api.orderItems(shipment.orderId());
        final String reference = packageReferenceId(shipment.trackingNumber());
        final Map<String, Integer> units;
        try {
            units = units(shipment, items);
        } catch (final IllegalArgumentException e) {
            return review(status, reference, "INVALID_LINES", e.getMessage());
        }
        if (units.isEmpty()) {
            return new Confirmation(Result.ALREADY_SHIPPED, status, reference, null, null);
        }
        final AmazonCarrierCodes.Carrier carrier = carriers.of(shipment.carrierFamily(), shipment.carrierName());
        if (carrier == null) {
            return review(status, reference, "UNKNOWN_CARRIER", "Parcel " + shipment.trackingNumber() + " has no carrier: Amazon needs its code or name");
        }
        try {
            api.confirmShipment(shipment.orderId(), request(order.path("MarketplaceId").asText(), reference, carrier, shipment, units));
        } catch (final ApiException e) {
            return refused(e, shipment.orderId(), reference);
        }
        return new Confirmation(Result.CONFIRMED, shipped(items, units) ? "Shipped" : "PartiallyShipped", reference, null, null);
    }

    /**
     * Amazon refused a call: transient failures and refused credentials are thrown; otherwise, after a refused package,
     * the order read again says whether it shipped meanwhile (a replay whose first answer was lost) or was cancelled.
     */
    private Confirmation refused(final ApiException e, final String orderIdToReread, final String reference) {
        if (e.isTransient() || e.errorClass() == ErrorClass.AUTHENTICATION) {
            throw e;
        }
        if (e.status() == 404) {
            return review(null, reference, "ORDER_NOT_FOUND", e.getMessage());
        }
        if (orderIdToReread != null) {
            final String status;
            try {
                status = api.order(orderIdToReread).path("OrderStatus").asText();
            } catch (final ApiException reread) {
                if (reread.isTransient() || reread.errorClass() == ErrorClass.AUTHENTICATION) {
                    throw reread;
                }
                return review(null, reference, "INVALID_INPUT", e.getMessage());
            }
            if (status.equals("Shipped") || status.equals("InvoiceUnconfirmed")) {
                return new Confirmation(Result.ALREADY_SHIPPED, status, reference, null, null);
            }
            if (status.equals("Canceled")) {
                return review(status, reference, "ORDER_CANCELLED", e.getMessage());
            }
            return review(status, reference, "INVALID_INPUT", e.getMessage());
        }
        return review(null, reference, "INVALID_INPUT", e.getMessage());
    }

    private static Confirmation review(final String status, final String reference, final String code, final String message) {
        return new Confirmation(Result.REVIEW, status, reference, code, message);
    }

    /** orderItemId → units to confirm: the parcel's lines spread over the items of their SKU, or every unit not shipped yet. */
    static Map<String, Integer> units(final Shipment shipment, final List<JsonNode> items) {
        final Map<String, Integer> units = new LinkedHashMap<>();
        if (shipment.lines().isEmpty()) {
            for (final JsonNode item : items) {
                final int left = item.path("QuantityOrdered").asInt() - item.path("QuantityShipped").asInt();
                if (left > 0) {
                    units.put(item.path("OrderItemId").asText(), left);
                }
            }
            return units;
        }
        for (final Line line : shipment.lines()) {
            if (line.quantity() < 1) {
                throw new IllegalArgumentException("Line " + line.sku() + " of parcel " + shipment.trackingNumber() + " has quantity " + line.quantity());
            }
            int toPlace = line.quantity();
            boolean known = false;
            for (final JsonNode item : items) {
                if (!line.sku().equals(item.path("SellerSKU").asText())) {
                    continue;
                }
                known = true;
                final String id = item.path("OrderItemId").asText();
                final int room = item.path("QuantityOrdered").asInt() - units.getOrDefault(id, 0);
                final int placed = Math.min(room, toPlace);
                if (placed > 0) {
                    units.merge(id, placed, Integer::sum);
                    toPlace -= placed;
                }
            }
            if (!known) {
                throw new IllegalArgumentException("SKU " + line.sku() + " is not an item of order " + shipment.orderId());
            }
            if (toPlace > 0) {
                throw new IllegalArgumentException("Parcel " + shipment.trackingNumber() + " holds " + line.quantity() + " of " + line.sku()
                        + ", more than order " + shipment.orderId() + " has");
            }
        }
        return units;
    }

    /** True when the units confirmed complete every item of the order. */
    private static boolean shipped(final List<JsonNode> items, final Map<String, Integer> units) {
        for (final JsonNode item : items) {
            final int left = item.path("QuantityOrdered").asInt() - item.path("QuantityShipped").asInt();
            if (units.getOrDefault(item.path("OrderItemId").asText(), 0) < left) {
                return false;
            }
        }
        return true;
    }

    /** A ConfirmShipmentRequest (ordersV0 model): marketplaceId and one packageDetail. */
    ObjectNode request(final String marketplaceId, final String reference, final AmazonCarrierCodes.Carrier carrier, final Shipment shipment,
                       final Map<String, Integer> units) {
        final ObjectNode body = SellingPartnerClient.MAPPER.createObjectNode();
        body.put("marketplaceId", marketplaceId);
        final ObjectNode detail = body.putObject("packageDetail");
        detail.put("packageReferenceId", reference);
        detail.put("carrierCode", carrier.code());
        if (carrier.name() != null) {
            detail.put("carrierName", carrier.name());
        }
        detail.put("trackingNumber", shipment.trackingNumber());
        final Instant now = clock.instant();
        final Instant shipDate = shipment.shipDate() == null || shipment.shipDate().isAfter(now) ? now : shipment.shipDate();
        detail.put("shipDate", shipDate.truncatedTo(ChronoUnit.SECONDS).toString());
        final ArrayNode orderItems = detail.putArray("orderItems");
        units.forEach((id, quantity) -> orderItems.addObject().put("orderItemId", id).put("quantity", quantity));
        return body;
    }

    /**
     * The package's id within its order, the same for every confirmation of one parcel: Amazon takes only positive
     * numbers, so it is drawn from the tracking number's SHA-256 (48 bits: no two parcels of one order meet).
     */
    public static String packageReferenceId(final String trackingNumber) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(trackingNumber.trim().getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, Arrays.copyOf(digest, 6)).add(BigInteger.ONE).toString();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
