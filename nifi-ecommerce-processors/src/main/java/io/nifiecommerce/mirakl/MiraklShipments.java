package io.nifiecommerce.mirakl;

import io.nifiecommerce.http.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends shipments back to the marketplace, exactly once per order: the order's state is read first (OR11 by ids,
 * 100 a call); an order SHIPPING gets its carrier and tracking number (OR23) then its shipment validated (OR24); an
 * order already shipped is left as it is, so a replayed tracking event changes nothing. The marketplace's carrier
 * codes are the operator's own: the bundle's carrier ids are mapped to them, and a carrier without a code is sent
 * by name with its tracking URL (Mirakl's unregistered carrier).
 */
public final class MiraklShipments {

    /** What happened to one shipment. */
    public enum Result {
        /** OR23 and OR24 sent: the order is SHIPPED. */
        SHIPPED,
        /** The order was shipped before: nothing sent. */
        ALREADY_SHIPPED,
        /** Not yet debited or accepted: try again later. */
        NOT_YET_SHIPPABLE,
        /** Refused, cancelled or unknown: it will never ship. */
        NOT_SHIPPABLE
    }

    /** One shipment to confirm: the marketplace's order id and the parcel's carrier and number. */
    public record Shipment(String orderId, String carrier, String trackingNumber, String trackingUrl) {
    }

    /** The result for one shipment, with the order's state as read and a reason when not shipped. */
    public record Confirmation(Shipment shipment, Result result, String orderState, String reason) {
    }

    private final MiraklSellerApi api;
    private final Map<String, String> carrierCodes;

    /** @param carrierCodes the bundle's carrier id (lower case, e.g. {@code colissimo}) to the marketplace's carrier code */
    public MiraklShipments(final MiraklSellerApi api, final Map<String, String> carrierCodes) {
        this.api = api;
        final Map<String, String> codes = new LinkedHashMap<>();
        carrierCodes.forEach((id, code) -> codes.put(id.toLowerCase(Locale.ROOT), code));
        this.carrierCodes = Map.copyOf(codes);
    }

    /** Confirms the shipments in order; the first of several parcels of one order ships it, the others find it shipped. */
    public List<Confirmation> confirm(final List<Shipment> shipments) {
        final Map<String, MiraklOrder> orders = new LinkedHashMap<>();
        final List<String> ids = shipments.stream().map(Shipment::orderId).distinct().toList();
        for (int i = 0; i < ids.size(); i += MiraklSellerApi.OR11_MAX_PAGE) {
            api.ordersById(ids.subList(i, Math.min(ids.size(), i + MiraklSellerApi.OR11_MAX_PAGE)))
                    .forEach(order -> orders.put(order.orderId(), order));
        }
        final Map<String, String> shippedNow = new LinkedHashMap<>();
        final List<Confirmation> confirmations = new ArrayList<>();
        for (final Shipment shipment : shipments) {
            final MiraklOrder order = orders.get(shipment.orderId());
            if (order == null) {
                confirmations.add(new Confirmation(shipment, Result.NOT_SHIPPABLE, null, "ORDER_NOT_FOUND"));
                continue;
            }
            final String state = shippedNow.getOrDefault(order.orderId(), order.state());
            switch (state) {
                case "SHIPPING" -> {
                    ship(order.orderId(), shipment);
                    shippedNow.put(order.orderId(), "SHIPPED");
                    confirmations.add(new Confirmation(shipment, Result.SHIPPED, "SHIPPED", null));
                }
                case "SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED" ->
                        confirmations.add(new Confirmation(shipment, Result.ALREADY_SHIPPED, state, null));
                case "STAGING", "WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT" ->
                        confirmations.add(new Confirmation(shipment, Result.NOT_YET_SHIPPABLE, state, "ORDER_NOT_SHIPPABLE_YET"));
                default -> confirmations.add(new Confirmation(shipment, Result.NOT_SHIPPABLE, state, "ORDER_" + state));
            }
        }
        return confirmations;
    }

    private void ship(final String orderId, final Shipment shipment) {
        final String code = shipment.carrier() == null ? null : carrierCodes.get(shipment.carrier().toLowerCase(Locale.ROOT));
        api.updateTracking(orderId, new MiraklSellerApi.ShipmentTracking(code, code == null ? carrierName(shipment) : null,
                shipment.trackingNumber(), shipment.trackingUrl()));
        try {
            api.validateShipment(orderId);
        } catch (final ApiException e) {
            // OR24 answered, but the order had moved on meanwhile (shipped from the back office): it is shipped
            if (!"ORDER_INVALID_STATE".equals(e.code())) {
                throw e;
            }
        }
    }

    private static String carrierName(final Shipment shipment) {
        return shipment.carrier() == null || shipment.carrier().isBlank() ? "Other" : shipment.carrier();
    }
}
