package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Amount;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON document of a period settlement that flows between the marketplace reader and the ERP writer. Amounts are
 * decimal strings, as in the canonical order, so that no writer rounds a cent.
 */
public final class SettlementJson {

    private SettlementJson() {
    }

    public static ObjectNode toJson(final PeriodSettlement settlement) {
        final ObjectNode json = MiraklClient.MAPPER.createObjectNode();
        json.put("marketplace", settlement.marketplace()).put("periodStart", settlement.start().toString())
                .put("periodEnd", settlement.end().toString()).put("currency", settlement.currency())
                .put("orderCount", settlement.orderCount()).put("sales", settlement.sales().toPlainString())
                .put("refunds", settlement.refunds().toPlainString()).put("commissions", settlement.commissions().toPlainString())
                .put("fees", settlement.fees().toPlainString()).put("credits", settlement.credits().toPlainString())
                .put("payouts", settlement.payouts().toPlainString()).put("balance", settlement.balance().toPlainString());
        if (settlement.reference() != null) {
            json.put("reference", settlement.reference());
        }
        final ObjectNode byOrder = json.putObject("netByOrder");
        settlement.netByOrder().forEach((order, net) -> byOrder.put(order, net.toPlainString()));
        final ArrayNode paid = json.putArray("paymentDocuments");
        settlement.paymentDocuments().forEach(paid::add);
        final ArrayNode documents = json.putArray("documents");
        for (final PeriodSettlement.Document document : settlement.documents()) {
            documents.addObject().put("key", PeriodSettlement.documentKey(settlement.marketplace(), document))
                    .put("number", document.number()).put("type", document.type()).put("creditNote", document.creditNote())
                    .put("issueDate", document.issueDate()).put("dueDate", document.dueDate()).put("currency", document.currency())
                    .put("amountExcludingTax", document.amountExcludingTax().toPlainString())
                    .put("tax", document.tax().toPlainString())
                    .put("amountIncludingTax", document.amountIncludingTax().toPlainString());
        }
        return json;
    }

    /** @throws IllegalArgumentException when a field is missing or not a number */
    public static PeriodSettlement fromJson(final JsonNode json) {
        final Map<String, BigDecimal> byOrder = new LinkedHashMap<>();
        json.path("netByOrder").fields().forEachRemaining(entry -> byOrder.put(entry.getKey(), Amount.parse(entry.getValue().asText())));
        final List<String> paid = new ArrayList<>();
        json.path("paymentDocuments").forEach(number -> paid.add(number.asText()));
        final List<PeriodSettlement.Document> documents = new ArrayList<>();
        for (final JsonNode document : json.path("documents")) {
            documents.add(new PeriodSettlement.Document(required(document, "number"), required(document, "type"),
                    document.path("issueDate").asText(null), document.path("dueDate").asText(null), document.path("currency").asText(null),
                    amount(document, "amountExcludingTax"), amount(document, "amountIncludingTax"), amount(document, "tax")));
        }
        try {
            return new PeriodSettlement(required(json, "marketplace"), Instant.parse(required(json, "periodStart")),
                    Instant.parse(required(json, "periodEnd")), json.path("currency").asText(null), json.path("orderCount").asInt(),
                    amount(json, "sales"), amount(json, "refunds"), amount(json, "commissions"), amount(json, "fees"),
                    amount(json, "credits"), amount(json, "payouts"), amount(json, "balance"), byOrder, paid, documents,
                    json.hasNonNull("reference") ? json.path("reference").asText() : null);
        } catch (final java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("periodStart and periodEnd must be ISO-8601 instants", e);
        }
    }

    private static String required(final JsonNode node, final String field) {
        final String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static BigDecimal amount(final JsonNode node, final String field) {
        return Amount.parse(required(node, field));
    }
}
