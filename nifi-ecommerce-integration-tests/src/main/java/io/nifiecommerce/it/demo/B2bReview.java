package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.FreightTerms;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.DraftOrderState;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's B2B setting: every company location checks out to draft, so the seed's B2B orders arrive as drafts for
 * review, and BC charges freight to the companies (the carrier price the customer must see). Then, from the shop and
 * BC: how many approved B2B orders reached BC once and show BC's carrier price in Shopify.
 */
public final class B2bReview {

    /** The approved B2B orders as the demo's summary reports them. */
    public record Counts(int approved, int inBcOnce, int withErpCarrierPrice, List<String> problems) {
    }

    private B2bReview() {
    }

    static void prepare(final Sandbox sandbox) {
        final Shop shop = sandbox.shopify().shop();
        for (final Order order : List.copyOf(shop.orders())) {
            if (order.isB2b()) {
                shop.resubmitAsDraft(order.id());
            }
        }
        final BcCompany bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        for (final Company company : sandbox.seed().companies()) {
            bc.freightTerms(company.externalId(), FreightTerms.parcel());
        }
    }

    /** The name BC knows a shop order by: the draft's name (#D12) for an order completed from a draft, else its own. */
    static Map<Long, String> bcReferences(final Shop shop) {
        final Map<Long, String> references = new HashMap<>();
        for (final DraftOrderState draft : shop.drafts()) {
            if (draft.orderId() != null) {
                references.put(draft.orderId(), draft.name());
            }
        }
        return references;
    }

    static Counts count(final Shop shop, final Map<String, List<JsonNode>> bcDocuments) {
        int approved = 0;
        int once = 0;
        int priced = 0;
        final List<String> problems = new ArrayList<>();
        for (final DraftOrderState draft : shop.drafts()) {
            if (draft.orderId() == null) {
                continue;
            }
            approved++;
            final List<JsonNode> copies = bcDocuments.getOrDefault(draft.name(), List.of());
            if (copies.size() != 1) {
                problems.add(draft.name() + " is in BC " + copies.size() + " times");
                continue;
            }
            once++;
            final BigDecimal freight = freight(copies.get(0));
            final Order order = shop.order(draft.orderId()).orElseThrow();
            if (order.shippingLines().size() == 1 && order.shippingLines().get(0).price().compareTo(freight) == 0) {
                priced++;
            } else {
                problems.add(order.name() + " (" + draft.name() + ") shows " + order.shippingLines() + ", BC charged " + freight);
            }
        }
        return new Counts(approved, once, priced, problems);
    }

    /** BC's freight excluding tax (the shop's B2B prices exclude tax): its S-FREIGHT item charge lines. */
    private static BigDecimal freight(final JsonNode document) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final String part : List.of("salesOrderLines", "salesInvoiceLines")) {
            for (final JsonNode line : document.path(part)) {
                if (line.path("lineType").asText().equals("Charge") && line.path("lineObjectNumber").asText().equals("S-FREIGHT")) {
                    sum = sum.add(line.path("amountExcludingTax").decimalValue());
                }
            }
        }
        return sum;
    }
}
