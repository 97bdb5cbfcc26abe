package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSalesPriceLines;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.sandbox.shopify.DraftOrderState;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Business Central, the master, against what the nightly flow made of it in the shop: each BC item as the product
 * carrying its SKU (title, price, ACTIVE, or ARCHIVED / absent when blocked), each resellers' price line as the fixed
 * price of its group's B2B catalog, each BC customer flagged for the shop as the company of that externalId, whose
 * locations are in the catalog of the customer's price group (bc-extension's shopCustomers) when it has one; then the
 * orders, whose every line must name a synced variant of its SKU and every B2B order a synced company.
 *
 * @param productProblems         the first few items whose product differs, for the progress line and the test's message
 * @param pricedCustomers         flagged customers with a customer price group (the marketplaces and the EDI buyer have none)
 * @param pricedCustomersInCatalog those whose company has locations, every one in the catalog of the group
 * @param pricedLocations         the locations of those customers' companies
 * @param pricedLocationsInCatalog those locations in the catalog of their customer's group
 * @param groupCatalogs           the price groups of those customers
 * @param groupCatalogsWithPriceList those groups whose catalog exists with its price list
 */
public record MasterDataReport(int itemsInBc, int itemsBlocked, int productsMatching, List<String> productProblems, int priceLines,
                               int pricesMatching, int priceLists, int b2bCustomers, int companiesMatching, int pricedCustomers,
                               int pricedCustomersInCatalog, int pricedLocations, int pricedLocationsInCatalog, int groupCatalogs,
                               int groupCatalogsWithPriceList, int orderLines, int orderLinesOnSyncedVariants, int b2bOrders,
                               int b2bOrdersOnSyncedCompanies) {

    /** The flow's default catalog title prefix (parameter prices.catalog.title.prefix, which the demo leaves as it is). */
    static final String CATALOG_TITLE_PREFIX = "BC ";
    private static final int PROBLEMS_KEPT = 5;

    /** The BC customers the flow's default b2b.customer.filter selects: companies not blocked for everything. */
    static boolean flaggedForShop(final JsonNode customer) {
        return customer.path("type").asText().equals("Company") && !customer.path("blocked").asText().equals("All");
    }

    /**
     * @param customersOfTheNight the customer numbers flagged when the nightly run ended (customers the order flow creates
     *                            later wait for the next night), null for those flagged now
     */
    static Set<String> flaggedCustomers(final BcCompany bc) {
        return bc.customers().stream().filter(MasterDataReport::flaggedForShop).map(c -> c.path("number").asText())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    static MasterDataReport of(final Shop shop, final BcCompany bc, final Set<String> customersOfTheNight) {
        final Map<String, Variant> bySku = new HashMap<>();
        shop.variants().forEach(variant -> bySku.put(variant.sku(), variant));
        int blocked = 0;
        int products = 0;
        final List<String> problems = new ArrayList<>();
        final List<JsonNode> items = bc.items();
        for (final JsonNode item : items) {
            // the demo's items have no item variants: the SKU is the item number
            final String sku = item.path("number").asText();
            final Optional<Variant> variant = Optional.ofNullable(bySku.get(sku));
            final Optional<String> status = variant.flatMap(shop::productStatusOf);
            final boolean matching;
            if (item.path("blocked").asBoolean()) {
                blocked++;
                matching = variant.isEmpty() || status.filter("ARCHIVED"::equals).isPresent();
            } else {
                matching = variant.isPresent() && status.filter("ACTIVE"::equals).isPresent()
                        && shop.productTitleOf(variant.get()).equals(item.path("displayName").asText())
                        && variant.get().price().compareTo(item.path("unitPrice").decimalValue()) == 0;
            }
            products += matching ? 1 : 0;
            if (!matching && problems.size() < PROBLEMS_KEPT) {
                problems.add(sku + (variant.isEmpty() ? " has no product" : " is " + shop.productTitleOf(variant.get()) + " at "
                        + variant.get().price() + " " + status.orElse("?")));
            }
        }
        int lines = 0;
        int prices = 0;
        final Map<String, Boolean> groupsComplete = new HashMap<>();
        for (final JsonNode line : bc.customRows(BcSalesPriceLines.PAGE)) {
            if (!line.path("sourceType").asText().equals("Customer Price Group") || line.path("minimumQuantity").asDouble() > 1) {
                continue; // the flow publishes group prices without quantity breaks
            }
            lines++;
            final String group = line.path("sourceNo").asText();
            final Variant variant = bySku.get(line.path("assetNo").asText());
            final BigDecimal expected = line.path("unitPrice").decimalValue();
            final boolean matching = variant != null
                    && shop.fixedPrice(CATALOG_TITLE_PREFIX + group, variant.id()).filter(p -> p.compareTo(expected) == 0).isPresent();
            prices += matching ? 1 : 0;
            groupsComplete.merge(group, matching, Boolean::logicalAnd);
        }
        final Set<String> synced = new HashSet<>(shop.companyExternalIds());
        final Set<String> flagged = customersOfTheNight != null ? customersOfTheNight : flaggedCustomers(bc);
        final int companies = (int) flagged.stream().filter(synced::contains).count();
        final Map<String, String> groups = new HashMap<>();
        bc.shopCustomers().stream().filter(c -> flagged.contains(c.path("number").asText()) && !c.path("customerPriceGroup").asText().isEmpty())
                .forEach(c -> groups.put(c.path("number").asText(), c.path("customerPriceGroup").asText()));
        int customersInCatalog = 0;
        int locations = 0;
        int locationsInCatalog = 0;
        for (final Map.Entry<String, String> customer : groups.entrySet()) {
            final String catalog = CATALOG_TITLE_PREFIX + customer.getValue();
            final Collection<List<String>> catalogsByLocation = shop.locationCatalogTitles(customer.getKey()).values();
            final long in = catalogsByLocation.stream().filter(titles -> titles.contains(catalog)).count();
            locations += catalogsByLocation.size();
            locationsInCatalog += (int) in;
            customersInCatalog += !catalogsByLocation.isEmpty() && in == catalogsByLocation.size() ? 1 : 0;
        }
        final Set<String> groupCatalogs = new HashSet<>(groups.values());
        final int withPriceList = (int) groupCatalogs.stream().filter(g -> shop.catalogHasPriceList(CATALOG_TITLE_PREFIX + g)).count();
        final List<Order> orders = new ArrayList<>(shop.orders());
        shop.drafts().stream().filter(d -> d.orderId() == null).map(DraftOrderState::content).forEach(orders::add);
        int orderLines = 0;
        int onSynced = 0;
        int b2b = 0;
        int b2bOnSynced = 0;
        for (final Order order : orders) {
            for (final Order.OrderLine line : order.lines()) {
                orderLines++;
                onSynced += shop.variant(line.variantId()).filter(v -> v.sku().equals(line.sku())).isPresent() ? 1 : 0;
            }
            if (order.isB2b()) {
                b2b++;
                b2bOnSynced += shop.company(order.b2b().companyId()).map(Company::externalId).filter(synced::contains).isPresent() ? 1 : 0;
            }
        }
        return new MasterDataReport(items.size(), blocked, products, List.copyOf(problems), lines, prices,
                (int) groupsComplete.values().stream().filter(Boolean::booleanValue).count(), flagged.size(), companies, groups.size(),
                customersInCatalog, locations, locationsInCatalog, groupCatalogs.size(), withPriceList, orderLines, onSynced,
                b2b, b2bOnSynced);
    }

    public boolean productsSynced() {
        return itemsInBc > 0 && productsMatching == itemsInBc;
    }

    public boolean pricesSynced() {
        return priceLines > 0 && pricesMatching == priceLines;
    }

    public boolean companiesSynced() {
        return b2bCustomers > 0 && companiesMatching == b2bCustomers;
    }

    /** Every flagged customer with a price group has its company's locations in that group's catalog, which has its price list. */
    public boolean locationsInTheirCatalogs() {
        return pricedCustomers > 0 && pricedCustomersInCatalog == pricedCustomers && pricedLocationsInCatalog == pricedLocations
                && groupCatalogsWithPriceList == groupCatalogs;
    }

    /** The shop holds BC's catalog, prices and companies (in their catalogs), and the orders were placed on them. */
    public boolean complete() {
        return productsSynced() && pricesSynced() && companiesSynced() && locationsInTheirCatalogs() && orderLines > 0 && orderLinesOnSyncedVariants == orderLines
                && b2bOrdersOnSyncedCompanies == b2bOrders;
    }

    /** Adds the figures under "masterData" to the demo's JSON summary. */
    public void addTo(final ObjectNode json) {
        final ObjectNode master = json.putObject("masterData");
        master.put("itemsInBusinessCentral", itemsInBc);
        master.put("itemsBlocked", itemsBlocked);
        master.put("productsMatchingBySku", productsMatching);
        master.put("b2bPriceLines", priceLines);
        master.put("b2bPricesMatching", pricesMatching);
        master.put("b2bPriceLists", priceLists);
        master.put("b2bCustomersFlaggedForShop", b2bCustomers);
        master.put("companiesByExternalId", companiesMatching);
        master.put("b2bCustomersWithPriceGroup", pricedCustomers);
        master.put("b2bCustomersInTheirCatalog", pricedCustomersInCatalog);
        master.put("companyLocationsOfPriceGroups", pricedLocations);
        master.put("companyLocationsInTheirCatalog", pricedLocationsInCatalog);
        master.put("priceGroupCatalogs", groupCatalogs);
        master.put("priceGroupCatalogsWithPriceList", groupCatalogsWithPriceList);
        master.put("orderLines", orderLines);
        master.put("orderLinesOnSyncedVariants", orderLinesOnSyncedVariants);
        master.put("b2bOrders", b2bOrders);
        master.put("b2bOrdersOnSyncedCompanies", b2bOrdersOnSyncedCompanies);
    }

    public String progress() {
        return String.format("products %d/%d by SKU | B2B prices %d/%d in %d price lists | companies %d/%d by externalId | locations %d/%d in "
                + "their price group's catalog%s", productsMatching, itemsInBc, pricesMatching, priceLines, priceLists, companiesMatching, b2bCustomers,
                pricedLocationsInCatalog, pricedLocations,
                productProblems.isEmpty() ? "" : " (e.g. " + productProblems.getFirst() + ")");
    }
}
