package io.nifiecommerce.sandbox;

import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSalesPriceLines;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Customer;
import io.nifiecommerce.sandbox.seed.Product;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Seeds Business Central from the shop's seed: items are the catalog's SKUs (GTIN, price, stock of
 * the shop's warehouses) with their resellers' price (price lines of the bc-extension page), customers are the B2B companies (number = external id, VAT number,
 * the resellers' customer price group), one
 * pooled web customer for retail orders and each retail customer by number.
 */
final class BcSeeding {

    static final String COMPANY = "CRONUS FR";
    static final String WEB_CUSTOMER = "WEB-RETAIL";
    /** The customer price group of the B2B prices (bc-extension page salesPriceLines): resellers pay 10 % less. */
    static final String B2B_PRICE_GROUP = "REVENDEURS";
    private static final BigDecimal B2B_PRICE_FACTOR = new BigDecimal("0.90");

    private BcSeeding() {
    }

    static void seed(final BusinessCentralSimulator bc, final ShopSeedData seed) {
        final BcCompany company = bc.company(COMPANY) != null ? bc.company(COMPANY) : bc.createCompany(COMPANY);
        for (final Product product : seed.products()) {
            for (final Variant variant : product.variants()) {
                final int stock = seed.stockLevels().stream().filter(level -> level.inventoryItemId() == variant.inventoryItemId())
                        .mapToInt(StockLevel::onHand).sum();
                company.putItem(variant.sku(), product.title() + " - " + variant.title(), variant.barcode(), variant.price(),
                        BigDecimal.valueOf(stock));
                company.addCustomRow(BcSalesPriceLines.PAGE, priceLine(variant, company.customRows(BcSalesPriceLines.PAGE).size() + 1));
            }
        }
        for (final Company b2b : seed.companies()) {
            final Customer contact = seed.customer(b2b.contacts().get(0).customerId()).orElse(null);
            company.putCustomer(b2bCustomer(b2b, contact));
            // the resellers' price group on the card (bc-extension's shopCustomers shows it): the nightly run puts the
            // company's locations in its catalog; the marketplace and EDI customers stay without one (no price lines, no catalog)
            company.putCustomerCard(b2b.externalId(), Map.of("customerPriceGroup", B2B_PRICE_GROUP));
        }
        // consumers are Contact Type Person (BC's default for a new customer is Company): the B2B account sync reads Companies
        company.putCustomer(person(WEB_CUSTOMER, "Clients boutique en ligne", null));
        for (final Customer customer : seed.customers()) {
            company.putCustomer(person(customerNumber(customer), customer.displayName(), customer.email()));
        }
    }

    /** The item's price for the resellers' price group, valid from the beginning of time, in the company's currency. */
    private static Map<String, Object> priceLine(final Variant variant, final int index) {
        final Map<String, Object> line = new LinkedHashMap<>();
        line.put("priceListCode", "P-" + B2B_PRICE_GROUP);
        line.put("lineNumber", index * 10_000);
        line.put("sourceType", "Customer Price Group");
        line.put("sourceNo", B2B_PRICE_GROUP);
        line.put("assetNo", variant.sku());
        line.put("variantCode", "");
        line.put("unitOfMeasureCode", "PCS");
        line.put("minimumQuantity", 0);
        line.put("unitPrice", variant.price().multiply(B2B_PRICE_FACTOR).setScale(2, RoundingMode.HALF_UP));
        line.put("currencyCode", "");
        line.put("startingDate", "0001-01-01");
        line.put("endingDate", "0001-01-01");
        return line;
    }

    /**
     * A B2B company as its BC customer card: Contact Type Company, the head office's billing address, phone, e-mail of
     * the buyer and VAT number, as the nightly B2B account sync reads them.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode b2bCustomer(final Company b2b, final Customer contact) {
        final io.nifiecommerce.sandbox.seed.Address billing = b2b.locations().get(0).billingAddress();
        final com.fasterxml.jackson.databind.node.ObjectNode values = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        values.put("number", b2b.externalId()).put("displayName", b2b.name()).put("type", "Company")
                .put("addressLine1", nullToEmpty(billing.address1())).put("addressLine2", nullToEmpty(billing.address2()))
                .put("city", nullToEmpty(billing.city())).put("postalCode", nullToEmpty(billing.zip()))
                .put("country", nullToEmpty(billing.countryCode())).put("phoneNumber", nullToEmpty(billing.phone()))
                .put("email", contact == null ? "" : contact.email()).put("taxRegistrationNumber", nullToEmpty(b2b.vatNumber()));
        return values;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode person(final String number, final String displayName, final String email) {
        final com.fasterxml.jackson.databind.node.ObjectNode values = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        values.put("number", number).put("displayName", displayName).put("type", "Person").put("email", nullToEmpty(email))
                .put("taxRegistrationNumber", "");
        return values;
    }

    private static String nullToEmpty(final String value) {
        return value == null ? "" : value;
    }

    /** The BC number of a retail customer: SC + the last six digits of its Shopify id. */
    static String customerNumber(final Customer customer) {
        return String.format(Locale.ROOT, "SC%06d", customer.id() % 1_000_000);
    }
}
