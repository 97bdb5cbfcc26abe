package io.nifiecommerce.sandbox;

import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Customer;
import io.nifiecommerce.sandbox.seed.Product;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Seeds Business Central from the shop's seed: items are the catalog's SKUs (GTIN, price, stock of
 * the shop's warehouses), customers are the B2B companies (number = external id, VAT number), one
 * pooled web customer for retail orders and each retail customer by number.
 */
final class BcSeeding {

    static final String COMPANY = "CRONUS FR";
    static final String WEB_CUSTOMER = "WEB-RETAIL";

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
            }
        }
        for (final Company b2b : seed.companies()) {
            final Customer contact = seed.customer(b2b.contacts().get(0).customerId()).orElse(null);
            company.putCustomer(b2b.externalId(), b2b.name(), contact == null ? null : contact.email(), b2b.vatNumber());
        }
        company.putCustomer(WEB_CUSTOMER, "Clients boutique en ligne", null, null);
        for (final Customer customer : seed.customers()) {
            company.putCustomer(customerNumber(customer), customer.displayName(), customer.email(), null);
        }
    }

    /** The BC number of a retail customer: SC + the last six digits of its Shopify id. */
    static String customerNumber(final Customer customer) {
        return String.format(Locale.ROOT, "SC%06d", customer.id() % 1_000_000);
    }
}
