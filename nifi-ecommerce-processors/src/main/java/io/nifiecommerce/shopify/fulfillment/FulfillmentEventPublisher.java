package io.nifiecommerce.shopify.fulfillment;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Posts a parcel's carrier events to the Shopify fulfillments carrying its tracking number
 * ({@code fulfillmentEventCreate}), so that the customer sees in transit, out for delivery, attempted
 * delivery, delivered and the estimated delivery date.
 *
 * <p>Replay-safe without Shopify's help: {@code fulfillmentEventCreate} takes no idempotency key and
 * Shopify accepts the same event twice. So the fulfillment's existing events are read first and an
 * event already there is not posted again: same status and same time, or, for an event without a
 * time (Shopify stamps it with the time of the call), the same status at any time. An answer lost
 * after the mutation was applied is therefore harmless: the retry finds the event.
 */
public final class FulfillmentEventPublisher {

    /** What happened to the events: posted, already on Shopify, or refused (with Shopify's userErrors). */
    public record Result(int posted, int present, List<FulfillmentOutcome.UserError> refused) {

        public Result {
            refused = List.copyOf(refused);
        }
    }

    private static final Comparator<ParcelEvent> CHRONOLOGICAL = Comparator.comparing(ParcelEvent::happenedAt,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final ShopifyGraphQlClient client;

    public FulfillmentEventPublisher(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /**
     * Posts each event to each of the fulfillments that carries its tracking number, oldest first.
     * Transport failures surface as the client's {@code ApiException}; what was posted before stays
     * and is recognised on the next attempt.
     */
    public Result publish(final List<String> fulfillmentIds, final List<ParcelEvent> events) {
        int posted = 0;
        int present = 0;
        final List<FulfillmentOutcome.UserError> refused = new ArrayList<>();
        if (events.isEmpty()) {
            return new Result(0, 0, refused);
        }
        final List<ParcelEvent> ordered = events.stream().sorted(CHRONOLOGICAL).toList();
        for (final String fulfillmentId : fulfillmentIds) {
            final Existing existing = read(fulfillmentId);
            if (existing == null) {
                refused.add(new FulfillmentOutcome.UserError(List.of("fulfillmentId"), "Fulfillment " + fulfillmentId + " not found"));
                continue;
            }
            for (final ParcelEvent event : ordered) {
                if (!existing.carries(event.trackingNumber())) {
                    continue;
                }
                if (existing.has(event)) {
                    present++;
                    continue;
                }
                final GraphQlResponse response = client.executeMutation(FulfillmentDocuments.FULFILLMENT_EVENT_CREATE,
                        Map.of("fulfillmentEvent", input(fulfillmentId, event)));
                final JsonNode payload = response.at("fulfillmentEventCreate");
                final List<FulfillmentOutcome.UserError> errors = ShopifyFulfillmentApi.userErrors(payload);
                if (!errors.isEmpty() || !payload.path("fulfillmentEvent").isObject()) {
                    refused.addAll(errors.isEmpty() ? List.of(new FulfillmentOutcome.UserError(List.of(),
                            "no fulfillment event returned for " + event.status() + " on " + fulfillmentId)) : errors);
                    continue;
                }
                existing.add(event.status(), event.happenedAt());
                posted++;
            }
        }
        return new Result(posted, present, refused);
    }

    static Map<String, Object> input(final String fulfillmentId, final ParcelEvent event) {
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("fulfillmentId", fulfillmentId);
        input.put("status", event.status());
        if (event.happenedAt() != null) {
            input.put("happenedAt", event.happenedAt().toString());
        }
        if (event.estimatedDeliveryAt() != null) {
            input.put("estimatedDeliveryAt", event.estimatedDeliveryAt().toString());
        }
        putIfPresent(input, "message", event.message());
        putIfPresent(input, "city", event.city());
        putIfPresent(input, "zip", event.zip());
        putIfPresent(input, "country", event.country());
        return input;
    }

    private static void putIfPresent(final Map<String, Object> input, final String key, final String value) {
        if (value != null && !value.isBlank()) {
            input.put(key, value);
        }
    }

    /** The fulfillment's tracking numbers and events, every page; null when Shopify has no such fulfillment. */
    private Existing read(final String fulfillmentId) {
        Existing existing = null;
        String after = null;
        do {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("id", fulfillmentId);
            variables.put("after", after);
            final JsonNode fulfillment = client.execute(FulfillmentDocuments.FULFILLMENT_EVENTS, variables).at("fulfillment");
            if (fulfillment == null || !fulfillment.isObject()) {
                return null;
            }
            if (existing == null) {
                existing = new Existing();
                for (final JsonNode info : fulfillment.path("trackingInfo")) {
                    if (info.path("number").isTextual()) {
                        existing.numbers.add(info.path("number").asText().toUpperCase(Locale.ROOT));
                    }
                }
            }
            final JsonNode events = fulfillment.path("events");
            for (final JsonNode node : events.path("nodes")) {
                existing.add(node.path("status").asText(), instant(node.path("happenedAt").asText(null)));
            }
            after = events.path("pageInfo").path("hasNextPage").asBoolean(false) ? events.path("pageInfo").path("endCursor").asText(null) : null;
        } while (after != null);
        return existing;
    }

    private static Instant instant(final String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException e) {
            return null;
        }
    }

    private static final class Existing {
        final Set<String> numbers = new HashSet<>();
        final Set<String> statuses = new HashSet<>();
        final Set<String> statusTimes = new HashSet<>();

        boolean carries(final String number) {
            return numbers.contains(number.toUpperCase(Locale.ROOT));
        }

        boolean has(final ParcelEvent event) {
            return event.happenedAt() == null ? statuses.contains(event.status()) : statusTimes.contains(event.status() + "@" + event.happenedAt());
        }

        void add(final String status, final Instant happenedAt) {
            statuses.add(status);
            if (happenedAt != null) {
                statusTimes.add(status + "@" + happenedAt);
            }
        }
    }
}
