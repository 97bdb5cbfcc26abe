package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.mirakl.MiraklSeeding;
import io.nifiecommerce.sandbox.mirakl.MiraklShop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operator's side of the demo's Mirakl marketplace: once no order is left waiting for acceptance or debit, it issues a
 * goodwill credit note and closes the billing cycle (the commission invoice of the debited orders), as Mirakl does at a
 * cycle's end. The flow then books both with the settlement period they were issued in, once that period has closed.
 */
final class MiraklBilling {

    private static final Set<String> WAITING = Set.of("STAGING", "WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT");
    private static final String PREFIX = MiraklSeeding.MARKETPLACE.toUpperCase(Locale.ROOT) + "-";

    private final MiraklShop shop;
    /** The keys the flow books the documents by in BC: {@code CARREFOUR-1001}. */
    private final List<String> issued = new ArrayList<>();

    MiraklBilling(final MiraklShop shop) {
        this.shop = shop;
    }

    /** Closes the cycle once, when no order waits for acceptance or debit; before that, and after, does nothing. */
    void step() {
        if (!issued.isEmpty()) {
            return;
        }
        // every order accepted has been debited (or refused): the cycle holds all the demo's sales
        final Map<String, Integer> states = shop.ordersByState();
        if (states.isEmpty() || states.keySet().stream().anyMatch(WAITING::contains)) {
            return;
        }
        final JsonNode credit = shop.issueManualCredit(new BigDecimal("5.00"), "Geste commercial");
        shop.closeBillingCycle().ifPresent(invoice -> {
            issued.add(PREFIX + invoice.path("invoice_id").asText());
            issued.add(PREFIX + credit.path("invoice_id").asText());
        });
    }

    /** The documents the operator issued (invoice and credit note), none before the cycle closed. */
    List<String> issued() {
        return List.copyOf(issued);
    }

    /** Every issued document is in BC: the invoice as a purchase invoice, the credit note as a purchase credit memo. */
    boolean booked(final BcCompany bc) {
        return !issued.isEmpty() && bookedKeys(bc).containsAll(issued);
    }

    private static Set<String> bookedKeys(final BcCompany bc) {
        final Set<String> keys = new HashSet<>();
        bc.purchaseInvoices().forEach(invoice -> keys.add(invoice.path("vendorInvoiceNumber").asText()));
        bc.purchaseCreditMemos().forEach(memo -> keys.add(memo.path("vendorCreditMemoNumber").asText()));
        return keys;
    }
}
