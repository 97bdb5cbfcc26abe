package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Address;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Customer;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.Variant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The seed's orders placed on a shop whose catalog and B2B companies the ERP's sync made (a shop loaded without its
 * catalog): each line names the variant that carries its SKU, each B2B order the company whose externalId is the BC
 * customer number, with its location and main contact. Before the orders, the merchant stocks the synced inventory items
 * where the seed stocks their SKUs, with the seed's quantities (Shopify's inventoryActivate), so that stock publishing
 * finds them at their locations. Fails naming what the sync left out, rather than placing orders on nothing.
 */
public final class SyncedCatalogOrders {

    private final Shop shop;
    private final ShopSeedData seed;
    private final Map<String, Variant> variantsBySku = new HashMap<>();
    private final Map<Long, Company> companiesBySeedId = new HashMap<>();

    private SyncedCatalogOrders(final Shop shop, final ShopSeedData seed) {
        this.shop = shop;
        this.seed = seed;
    }

    /** Stocks the synced items, makes the synced companies buyers, places the seed's orders; returns them as stored. */
    public static List<Order> place(final Shop shop, final ShopSeedData seed) {
        return new SyncedCatalogOrders(shop, seed).place();
    }

    private List<Order> place() {
        synchronized (shop) {
            shop.variants().forEach(variant -> variantsBySku.put(variant.sku(), variant));
            final TreeSet<String> missing = new TreeSet<>();
            seed.variants().stream().map(Variant::sku).filter(sku -> !variantsBySku.containsKey(sku)).forEach(missing::add);
            for (final Company company : seed.companies()) {
                final Optional<CompanyDirectory.CompanyState> synced = shop.companyDirectory().companyByExternalId(company.externalId());
                if (synced.isEmpty() || synced.get().locations.isEmpty()) {
                    missing.add("company " + company.externalId());
                } else {
                    companiesBySeedId.put(company.id(), buyer(synced.get()));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The shop lacks what the orders need (has the ERP's sync run?): " + missing);
            }
            companiesBySeedId.values().forEach(shop::registerCompany);
            for (final StockLevel level : seed.stockLevels()) {
                final Variant seeded = seed.variants().stream().filter(v -> v.inventoryItemId() == level.inventoryItemId()).findFirst().orElseThrow();
                shop.activateInventory(variantsBySku.get(seeded.sku()).inventoryItemId(), level.locationId(), level.available(), level.committed());
            }
            final List<Order> placed = new ArrayList<>();
            for (final Order order : seed.orders()) {
                // placed now (updatedAt now), so that the order flow's watermark, already past the seed's dates, sees them
                placed.add(shop.putOrder(onSyncedCatalog(order)));
            }
            return placed;
        }
    }

    private Order onSyncedCatalog(final Order order) {
        final List<Order.OrderLine> lines = order.lines().stream().map(line -> new Order.OrderLine(line.id(), variantsBySku.get(line.sku()).id(),
                line.sku(), line.title(), line.variantTitle(), line.quantity(), line.unitPrice(), line.discount(), line.taxLines())).toList();
        Order.B2bPurchase b2b = null;
        if (order.isB2b()) {
            final Company company = companiesBySeedId.get(order.b2b().companyId());
            final long contact = company.contacts().stream().filter(Company.CompanyContact::mainContact).findFirst()
                    .or(() -> company.contacts().stream().findFirst()).map(Company.CompanyContact::id).orElse(0L);
            // BC has one customer per company, so the sync made one location: every seeded location orders from it
            b2b = new Order.B2bPurchase(company.id(), company.locations().get(0).id(), contact);
        }
        return new Order(order.id(), order.name(), order.createdAt(), order.updatedAt(), order.processedAt(), order.email(), order.currency(),
                order.taxesIncluded(), order.poNumber(), order.tags(), order.financialStatus(), order.fulfillmentStatus(), order.cancelledAt(),
                order.cancelReason(), order.customerId(), b2b, order.shippingAddress(), order.billingAddress(), lines, order.shippingLines(),
                order.sourceName(), order.note());
    }

    /** A company of the directory as orders name their buyer; its contacts are the shop's customers with their e-mail. */
    private Company buyer(final CompanyDirectory.CompanyState state) {
        final List<Company.CompanyLocation> locations = state.locations.stream().map(l -> new Company.CompanyLocation(l.id, l.name, l.externalId,
                l.taxRegistrationId, address(l.billing), address(l.shipping != null ? l.shipping : l.billing))).toList();
        final List<Company.CompanyContact> contacts = state.contacts.stream().map(c -> new Company.CompanyContact(c.id(),
                customerWithEmail(c.email()), Objects.equals(state.mainContactId, c.id()), c.title())).toList();
        return new Company(state.id, state.name, state.externalId, locations.get(0).taxRegistrationId(), locations, contacts);
    }

    private long customerWithEmail(final String email) {
        return seed.customers().stream().filter(c -> email != null && email.equalsIgnoreCase(c.email())).mapToLong(Customer::id).findFirst()
                .orElse(0L);
    }

    private static Address address(final Map<String, Object> fields) {
        if (fields == null) {
            return new Address(null, null, null, null, null, null, null, null, null, null, null);
        }
        final String recipient = text(fields, "recipient");
        final int space = recipient == null ? -1 : recipient.indexOf(' ');
        return new Address(space < 0 ? recipient : recipient.substring(0, space), space < 0 ? null : recipient.substring(space + 1), null,
                text(fields, "address1"), text(fields, "address2"), text(fields, "zip"), text(fields, "city"), text(fields, "zoneCode"),
                text(fields, "countryCode"), null, text(fields, "phone"));
    }

    private static String text(final Map<String, Object> fields, final String key) {
        final Object value = fields.get(key);
        return value == null ? null : value.toString();
    }
}
