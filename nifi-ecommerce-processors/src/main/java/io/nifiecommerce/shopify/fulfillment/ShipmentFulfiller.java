package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a shipment into Shopify fulfillments, safely repeatable: the order's existing fulfillments
 * are read first, and a shipment whose tracking number is already on one of them updates that
 * fulfillment's tracking (or does nothing when identical) instead of creating a second one. So a
 * FlowFile replayed after a lost acknowledgement creates nothing twice.
 */
public final class ShipmentFulfiller {

    private final ShopifyFulfillmentApi api;
    private final FulfillmentPlanner planner = new FulfillmentPlanner();
    private final boolean notifyCustomer;

    public ShipmentFulfiller(final ShopifyFulfillmentApi api, final boolean notifyCustomer) {
        this.api = api;
        this.notifyCustomer = notifyCustomer;
    }

    /** Never throws for Shopify's answers: transport and API failures become TRANSIENT, AUTHENTICATION or API_ERROR outcomes. */
    public FulfillmentOutcome fulfill(final Shipment shipment) {
        final List<String> created = new ArrayList<>();
        try {
            return fulfill(shipment, created);
        } catch (final ApiException e) {
            final Status status = switch (e.errorClass()) {
                case TRANSIENT -> Status.TRANSIENT;
                case AUTHENTICATION -> Status.AUTHENTICATION;
                case PERMANENT -> Status.API_ERROR;
            };
            final String done = created.isEmpty() ? "" : " after creating " + String.join(", ", created)
                    + " (a retry finds them by tracking number)";
            return new FulfillmentOutcome(status, null, null, created, e.code() + ": " + e.getMessage() + done, List.of());
        }
    }

    private FulfillmentOutcome fulfill(final Shipment shipment, final List<String> created) {
        final ShopifyFulfillmentApi.OrderLookup lookup = api.lookUp(shipment.order());
        final Optional<FulfillableOrder> found = lookup.order();
        if (found.isEmpty() && lookup.draftPending()) {
            return FulfillmentOutcome.failure(Status.DRAFT_NOT_COMPLETED, "Draft order " + shipment.order()
                    + " is not completed yet: the shipment is fulfilled on the order it becomes");
        }
        if (found.isEmpty()) {
            return FulfillmentOutcome.failure(Status.ORDER_NOT_FOUND, "No order " + (shipment.order().kind() == OrderReference.Kind.NAME
                    ? "named " : "with id ") + shipment.order() + " is visible to the app");
        }
        final FulfillableOrder order = found.get();
        final List<Fulfillment> carrying = order.fulfillments().stream()
                .filter(f -> shipment.trackingNumbers().stream().anyMatch(f::carries)).toList();
        final List<Fulfillment> active = carrying.stream().filter(f -> !f.cancelled()).toList();
        if (!active.isEmpty()) {
            return reconcile(shipment, order, active);
        }
        if (!carrying.isEmpty()) {
            return FulfillmentOutcome.of(Status.FULFILLMENT_CANCELLED, order, carrying.stream().map(Fulfillment::id).toList(),
                    "Tracking " + String.join(", ", shipment.trackingNumbers()) + " belongs to cancelled fulfillment(s) of order "
                            + order.name() + "; not creating it again");
        }
        final FulfillmentPlan plan = planner.plan(shipment, order);
        if (!plan.accepted()) {
            final FulfillmentOutcome rejection = plan.rejection().forOrder(order);
            return rejection.status() == Status.NOTHING_TO_FULFILL ? addParcel(shipment, order, rejection) : rejection;
        }
        for (final FulfillmentPlan.Group group : plan.groups()) {
            final ShopifyFulfillmentApi.MutationResult result;
            try {
                result = api.create(group, shipment, notifyCustomer);
            } catch (final ApiException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                // the answer was lost, not necessarily the fulfillment: look before anyone sends it again
                final Optional<Fulfillment> applied = appliedDespite(shipment, created);
                if (applied.isEmpty()) {
                    throw e;
                }
                created.add(applied.get().id());
                continue;
            }
            if (result.refused()) {
                final String done = created.isEmpty() ? "" : " after creating " + String.join(", ", created);
                return new FulfillmentOutcome(Status.USER_ERROR, order.id(), order.name(), created,
                        "Shopify refused the fulfillment at " + group.locationName() + done + ": " + describe(result.userErrors()),
                        result.userErrors());
            }
            created.add(result.fulfillment().id());
        }
        return FulfillmentOutcome.of(Status.CREATED, order, created, "Created " + created.size() + " fulfillment(s) for order " + order.name());
    }

    /** A fulfillment carrying the shipment's tracking that appeared although its creation failed in transit. */
    private Optional<Fulfillment> appliedDespite(final Shipment shipment, final List<String> alreadyCounted) {
        return api.findOrder(shipment.order()).flatMap(order -> order.fulfillments().stream()
                .filter(f -> !f.cancelled() && !alreadyCounted.contains(f.id()))
                .filter(f -> shipment.trackingNumbers().stream().anyMatch(f::carries))
                .findFirst());
    }

    /** The tracking numbers are already on fulfillments: bring their tracking in line with the shipment. */
    private FulfillmentOutcome reconcile(final Shipment shipment, final FulfillableOrder order, final List<Fulfillment> fulfillments) {
        final List<String> ids = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        for (final Fulfillment fulfillment : fulfillments) {
            ids.add(fulfillment.id());
            final String company = shipment.carrier() != null ? shipment.carrier() : fulfillment.company();
            final List<TrackingInfo> wanted = mergedTracking(fulfillment, shipment, company);
            if (sameTracking(fulfillment, wanted, company)) {
                continue;
            }
            final ShopifyFulfillmentApi.MutationResult result = api.updateTracking(fulfillment.id(), wanted, company, notifyCustomer);
            if (result.refused()) {
                return new FulfillmentOutcome(Status.USER_ERROR, order.id(), order.name(), ids,
                        "Shopify refused the tracking update of " + fulfillment.id() + ": " + describe(result.userErrors()), result.userErrors());
            }
            updated.add(fulfillment.id());
        }
        if (updated.isEmpty()) {
            return FulfillmentOutcome.of(Status.ALREADY_PRESENT, order, ids, "Tracking already on " + String.join(", ", ids));
        }
        return FulfillmentOutcome.of(Status.TRACKING_UPDATED, order, ids, "Updated tracking of " + String.join(", ", updated));
    }

    /**
     * Nothing remains to fulfill but the shipment is a further parcel of a whole-order shipment: when
     * the order has exactly one active fulfillment of the same carrier, its tracking number is added
     * to it. Otherwise the rejection stands.
     */
    private FulfillmentOutcome addParcel(final Shipment shipment, final FulfillableOrder order, final FulfillmentOutcome rejection) {
        final List<Fulfillment> active = order.fulfillments().stream().filter(f -> !f.cancelled()).toList();
        if (shipment.partial() || shipment.location() != null || active.size() != 1) {
            return rejection;
        }
        final Fulfillment only = active.getFirst();
        final String company = only.company();
        if (company != null && shipment.carrier() != null && !company.equals(shipment.carrier())) {
            return rejection;
        }
        return reconcile(shipment, order, List.of(only));
    }

    /** The fulfillment's numbers followed by the shipment's new ones; the shipment's URLs win, kept ones only under an unchanged company. */
    static List<TrackingInfo> mergedTracking(final Fulfillment fulfillment, final Shipment shipment, final String company) {
        final boolean sameCompany = Objects.equals(company, fulfillment.company());
        final Map<String, TrackingInfo> merged = new LinkedHashMap<>();
        for (final TrackingInfo existing : fulfillment.tracking()) {
            if (existing.number() != null) {
                merged.put(existing.number(), new TrackingInfo(existing.number(), company, sameCompany ? existing.url() : null));
            }
        }
        for (final TrackingInfo incoming : shipment.tracking()) {
            final String key = merged.keySet().stream().filter(n -> n.equalsIgnoreCase(incoming.number())).findFirst().orElse(incoming.number());
            final TrackingInfo previous = merged.get(key);
            final String url = incoming.url() != null ? incoming.url() : previous == null ? null : previous.url();
            merged.put(key, new TrackingInfo(key, company, url));
        }
        return List.copyOf(merged.values());
    }

    /** Identical when numbers and company match and every URL we would send is already there (Shopify fills URLs it can build). */
    static boolean sameTracking(final Fulfillment fulfillment, final List<TrackingInfo> wanted, final String company) {
        if (fulfillment.tracking().size() != wanted.size() || !Objects.equals(company, fulfillment.company())) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            final TrackingInfo have = fulfillment.tracking().get(i);
            final TrackingInfo want = wanted.get(i);
            if (!want.number().equalsIgnoreCase(have.number()) || want.url() != null && !want.url().equals(have.url())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(final List<FulfillmentOutcome.UserError> errors) {
        return errors.isEmpty() ? "no fulfillment returned" : String.join("; ", errors.stream().map(FulfillmentOutcome.UserError::toString).toList());
    }
}
