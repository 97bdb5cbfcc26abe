package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An order as OR11 returns it, read through the fields the bundle uses; the JSON is kept whole so that nothing the
 * operator adds is lost on the way to a raw output.
 */
public record MiraklOrder(JsonNode json) {

    /** States after acceptance and debit, in which the seller ships and the sale is due: the order goes to the ERP. */
    public static final List<String> TO_FULFIL = List.of("SHIPPING", "SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED");

    public String orderId() {
        return json.path("order_id").asText();
    }

    public String commercialId() {
        return json.path("commercial_id").asText(null);
    }

    public String state() {
        return json.path("order_state").asText();
    }

    public String lastUpdatedDate() {
        return json.path("last_updated_date").asText();
    }

    /** The key of this version of the order: a new last_updated_date is a new version. */
    public String versionKey() {
        return orderId() + "@" + lastUpdatedDate();
    }

    public boolean waitingAcceptance() {
        return state().equals("WAITING_ACCEPTANCE");
    }

    public boolean toFulfil() {
        return TO_FULFIL.contains(state());
    }

    public List<Line> lines() {
        final List<Line> lines = new ArrayList<>();
        json.path("order_lines").forEach(line -> lines.add(new Line(line)));
        return lines;
    }

    /** One order line (OR11 {@code order_lines}). */
    public record Line(JsonNode json) {

        public String id() {
            return json.path("order_line_id").asText();
        }

        /** The seller's SKU of the offer: the item number on the seller's side. */
        public String offerSku() {
            return json.path("offer_sku").asText(null);
        }

        public long quantity() {
            return json.path("quantity").asLong();
        }

        public String state() {
            return json.path("order_line_state").asText();
        }

        /** Refused or cancelled lines are not part of the sale. */
        public boolean live() {
            return !state().equals("REFUSED") && !state().equals("CANCELED");
        }
    }
}
