package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetchingEnvironment;
import io.nifiecommerce.sandbox.seed.Address;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Customer;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Shows the shop's records as GraphQL objects: maps keyed by field name, with {@link Supplier}s for
 * what is costly or changes (lines, fulfillment orders) and {@link Function}s of the fetching
 * environment for fields with arguments. A field absent from a map is "not simulated".
 */
final class ShopGraph {

    private final Shop shop;

    ShopGraph(final Shop shop) {
        this.shop = shop;
    }

    static String time(final Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    Map<String, Object> order(final Order order) {
        final Map<String, Object> map = new HashMap<>(64);
        final String currency = order.currency();
        map.put("__typename", "Order");
        map.put("id", Gid.of("Order", order.id()));
        map.put("legacyResourceId", Long.toString(order.id()));
        map.put("name", order.name());
        map.put("createdAt", time(order.createdAt()));
        map.put("updatedAt", time(order.updatedAt()));
        map.put("processedAt", time(order.processedAt()));
        map.put("email", order.email());
        map.put("phone", null);
        map.put("note", order.note());
        map.put("currencyCode", currency);
        map.put("presentmentCurrencyCode", currency);
        map.put("taxesIncluded", order.taxesIncluded());
        map.put("poNumber", order.poNumber());
        map.put("tags", order.tags());
        map.put("test", false);
        map.put("confirmed", true);
        map.put("displayFinancialStatus", order.financialStatus());
        map.put("fullyPaid", "PAID".equals(order.financialStatus()));
        map.put("displayFulfillmentStatus", order.fulfillmentStatus());
        map.put("cancelledAt", time(order.cancelledAt()));
        map.put("cancelReason", order.cancelReason());
        final boolean closed = order.cancelledAt() != null || "FULFILLED".equals(order.fulfillmentStatus());
        map.put("closed", closed);
        map.put("closedAt", closed ? time(order.updatedAt()) : null);
        map.put("sourceName", order.sourceName());
        map.put("sourceIdentifier", null);
        map.put("channelInformation", null);
        map.put("customerLocale", "fr");
        map.put("discountCodes", List.of());
        map.put("discountCode", null);
        map.put("billingAddressMatchesShippingAddress", order.billingAddress().equals(order.shippingAddress()));
        map.put("shippingAddress", mailingAddress(order.shippingAddress()));
        map.put("billingAddress", mailingAddress(order.billingAddress()));
        map.put("customer", (Supplier<Object>) () -> shop.customer(order.customerId()).map(this::customer).orElse(null));
        map.put("purchasingEntity", (Supplier<Object>) () -> purchasingEntity(order));
        map.put("lineItems", (Supplier<Object>) () -> order.lines().stream().map(line -> lineItem(order, line)).toList());
        map.put("shippingLines", (Supplier<Object>) () -> order.shippingLines().stream().map(line -> shippingLine(currency, line)).toList());
        map.put("taxLines", (Supplier<Object>) () -> orderTaxLines(order));
        map.put("subtotalPriceSet", MoneyBag.bag(order.subtotal(), currency));
        map.put("currentSubtotalPriceSet", MoneyBag.bag(order.subtotal(), currency));
        map.put("totalPriceSet", MoneyBag.bag(order.totalPrice(), currency));
        map.put("currentTotalPriceSet", MoneyBag.bag(order.totalPrice(), currency));
        map.put("totalTaxSet", MoneyBag.bag(order.totalTax(), currency));
        map.put("currentTotalTaxSet", MoneyBag.bag(order.totalTax(), currency));
        map.put("totalDiscountsSet", MoneyBag.bag(order.totalDiscounts(), currency));
        map.put("totalShippingPriceSet", MoneyBag.bag(order.totalShipping(), currency));
        map.put("fulfillmentOrders", (Supplier<Object>) () -> shop.fulfillmentOrdersOf(order.id()).stream().map(this::fulfillmentOrder).toList());
        map.put("fulfillments", (Supplier<Object>) () -> shop.fulfillmentsOf(order.id()).stream().map(this::fulfillment).toList());
        return map;
    }

    private List<Map<String, Object>> orderTaxLines(final Order order) {
        final Map<String, BigDecimal[]> byTitle = new HashMap<>();
        final List<Order.TaxLine> all = new ArrayList<>();
        order.lines().forEach(line -> all.addAll(line.taxLines()));
        order.shippingLines().forEach(line -> all.addAll(line.taxLines()));
        for (final Order.TaxLine tax : all) {
            byTitle.computeIfAbsent(tax.title(), k -> new BigDecimal[]{tax.rate(), BigDecimal.ZERO});
            byTitle.get(tax.title())[1] = byTitle.get(tax.title())[1].add(tax.amount());
        }
        return byTitle.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> taxLine(order.currency(), new Order.TaxLine(entry.getKey(), entry.getValue()[0], entry.getValue()[1])))
                .toList();
    }

    private Object purchasingEntity(final Order order) {
        if (!order.isB2b()) {
            return shop.customer(order.customerId()).map(this::customer).orElse(null);
        }
        final Company company = shop.company(order.b2b().companyId()).orElse(null);
        if (company == null) {
            return null;
        }
        final Map<String, Object> purchase = new HashMap<>();
        purchase.put("__typename", "PurchasingCompany");
        purchase.put("company", company(company));
        purchase.put("location", company.locations().stream().filter(l -> l.id() == order.b2b().companyLocationId()).findFirst()
                .map(location -> companyLocation(company, location)).orElse(null));
        purchase.put("contact", company.contacts().stream().filter(c -> c.id() == order.b2b().companyContactId()).findFirst()
                .map(contact -> companyContact(company, contact)).orElse(null));
        return purchase;
    }

    Map<String, Object> company(final Company company) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "Company");
        map.put("id", Gid.of("Company", company.id()));
        map.put("name", company.name());
        map.put("externalId", company.externalId());
        map.put("note", null);
        map.put("mainContact", (Supplier<Object>) () -> company.contacts().stream().filter(Company.CompanyContact::mainContact)
                .findFirst().map(contact -> companyContact(company, contact)).orElse(null));
        map.put("locations", (Supplier<Object>) () -> company.locations().stream().map(l -> companyLocation(company, l)).toList());
        map.put("contacts", (Supplier<Object>) () -> company.contacts().stream().map(c -> companyContact(company, c)).toList());
        return map;
    }

    private Map<String, Object> companyLocation(final Company company, final Company.CompanyLocation location) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CompanyLocation");
        map.put("id", Gid.of("CompanyLocation", location.id()));
        map.put("name", location.name());
        map.put("externalId", location.externalId());
        map.put("taxRegistrationId", location.taxRegistrationId());
        map.put("taxSettings", Map.of("__typename", "CompanyLocationTaxSettings", "taxRegistrationId", location.taxRegistrationId(),
                "taxExempt", false, "taxExemptions", List.of()));
        map.put("currency", "EUR");
        map.put("locale", "fr");
        map.put("note", null);
        map.put("phone", location.shippingAddress().phone());
        map.put("billingAddress", companyAddress(location.billingAddress()));
        map.put("shippingAddress", companyAddress(location.shippingAddress()));
        map.put("company", (Supplier<Object>) () -> company(company));
        return map;
    }

    private Map<String, Object> companyContact(final Company company, final Company.CompanyContact contact) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CompanyContact");
        map.put("id", Gid.of("CompanyContact", contact.id()));
        map.put("isMainContact", contact.mainContact());
        map.put("title", contact.title());
        map.put("locale", "fr");
        map.put("customer", (Supplier<Object>) () -> shop.customer(contact.customerId()).map(this::customer).orElse(null));
        map.put("company", (Supplier<Object>) () -> company(company));
        return map;
    }

    Map<String, Object> customer(final Customer customer) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "Customer");
        map.put("id", Gid.of("Customer", customer.id()));
        map.put("legacyResourceId", Long.toString(customer.id()));
        map.put("firstName", customer.firstName());
        map.put("lastName", customer.lastName());
        map.put("displayName", customer.displayName());
        map.put("email", customer.email());
        map.put("phone", customer.phone());
        map.put("locale", "fr");
        map.put("note", null);
        map.put("tags", List.of());
        map.put("taxExempt", false);
        map.put("defaultEmailAddress", Map.of("__typename", "CustomerEmailAddress", "emailAddress", customer.email()));
        map.put("defaultPhoneNumber", Map.of("__typename", "CustomerPhoneNumber", "phoneNumber", customer.phone()));
        map.put("defaultAddress", mailingAddress(customer.address()));
        return map;
    }

    static Map<String, Object> mailingAddress(final Address address) {
        if (address == null) {
            return null;
        }
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "MailingAddress");
        map.put("firstName", address.firstName());
        map.put("lastName", address.lastName());
        map.put("name", address.firstName() == null ? null : (address.firstName() + " " + address.lastName()));
        map.put("company", address.company());
        map.put("address1", address.address1());
        map.put("address2", address.address2());
        map.put("zip", address.zip());
        map.put("city", address.city());
        map.put("province", address.province());
        map.put("provinceCode", null);
        map.put("country", address.country());
        map.put("countryCode", address.countryCode());
        map.put("countryCodeV2", address.countryCode());
        map.put("phone", address.phone());
        return map;
    }

    private static Map<String, Object> companyAddress(final Address address) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CompanyAddress");
        map.put("firstName", address.firstName());
        map.put("lastName", address.lastName());
        map.put("recipient", address.firstName() + " " + address.lastName());
        map.put("companyName", address.company());
        map.put("address1", address.address1());
        map.put("address2", address.address2());
        map.put("zip", address.zip());
        map.put("city", address.city());
        map.put("province", address.province());
        map.put("zoneCode", null);
        map.put("country", address.country());
        map.put("countryCode", address.countryCode());
        map.put("phone", address.phone());
        return map;
    }

    private Map<String, Object> lineItem(final Order order, final Order.OrderLine line) {
        final String currency = order.currency();
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "LineItem");
        map.put("id", Gid.of("LineItem", line.id()));
        map.put("sku", line.sku());
        map.put("title", line.title());
        map.put("name", line.title() + " - " + line.variantTitle());
        map.put("variantTitle", line.variantTitle());
        map.put("vendor", "Maison Nifi");
        map.put("quantity", line.quantity());
        map.put("currentQuantity", line.quantity());
        final int remaining = shop.fulfillmentOrdersOf(order.id()).stream().flatMap(fo -> fo.lines.stream())
                .filter(foLine -> foLine.lineItemId == line.id()).mapToInt(foLine -> foLine.remaining).sum();
        map.put("fulfillableQuantity", order.cancelledAt() == null ? remaining : 0);
        map.put("unfulfilledQuantity", remaining);
        map.put("nonFulfillableQuantity", 0);
        map.put("refundableQuantity", line.quantity());
        map.put("requiresShipping", true);
        map.put("taxable", true);
        map.put("isGiftCard", false);
        map.put("merchantEditable", true);
        map.put("restockable", true);
        map.put("customAttributes", List.of());
        map.put("duties", List.of());
        map.put("originalUnitPriceSet", MoneyBag.bag(line.unitPrice(), currency));
        final BigDecimal discountedUnit = line.quantity() == 0 ? line.unitPrice()
                : line.discountedTotal().divide(BigDecimal.valueOf(line.quantity()), 2, RoundingMode.HALF_EVEN);
        // Shopify's discountedUnitPriceSet holds line-level discounts only; order-level ones appear in the AfterAllDiscounts variant.
        map.put("discountedUnitPriceSet", MoneyBag.bag(line.unitPrice(), currency));
        map.put("discountedUnitPriceAfterAllDiscountsSet", MoneyBag.bag(discountedUnit, currency));
        map.put("originalTotalSet", MoneyBag.bag(line.originalTotal(), currency));
        map.put("discountedTotalSet", MoneyBag.bag(line.originalTotal(), currency));
        map.put("totalDiscountSet", MoneyBag.bag(line.discount(), currency));
        map.put("unfulfilledDiscountedTotalSet", MoneyBag.bag(line.discountedTotal(), currency));
        map.put("unfulfilledOriginalTotalSet", MoneyBag.bag(line.originalTotal(), currency));
        map.put("discountAllocations", line.discount().signum() == 0 ? List.of() : List.of(discountAllocation(currency, line.discount())));
        map.put("taxLines", line.taxLines().stream().map(tax -> taxLine(currency, tax)).toList());
        map.put("variant", (Supplier<Object>) () -> shop.variant(line.variantId()).map(this::variant).orElse(null));
        map.put("product", (Supplier<Object>) () -> shop.variant(line.variantId()).map(v -> product(v.productId())).orElse(null));
        return map;
    }

    private static Map<String, Object> discountAllocation(final String currency, final BigDecimal amount) {
        final Map<String, Object> application = new HashMap<>();
        application.put("__typename", "AutomaticDiscountApplication");
        application.put("title", "Remise fidélité 10 %");
        application.put("allocationMethod", "ACROSS");
        application.put("targetSelection", "ALL");
        application.put("targetType", "LINE_ITEM");
        application.put("index", 0);
        application.put("value", Map.of("__typename", "PricingPercentageValue", "percentage", 10.0));
        return Map.of("__typename", "DiscountAllocation", "allocatedAmountSet", MoneyBag.bag(amount, currency),
                "allocatedAmount", MoneyBag.money(amount, currency), "discountApplication", application);
    }

    private static Map<String, Object> taxLine(final String currency, final Order.TaxLine tax) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "TaxLine");
        map.put("title", tax.title());
        map.put("rate", tax.rate().doubleValue());
        map.put("ratePercentage", tax.rate().movePointRight(2).doubleValue());
        map.put("priceSet", MoneyBag.bag(tax.amount(), currency));
        map.put("price", MoneyBag.decimal(tax.amount()));
        map.put("channelLiable", false);
        map.put("source", "Shopify");
        return map;
    }

    private static Map<String, Object> shippingLine(final String currency, final Order.ShippingLine line) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "ShippingLine");
        map.put("id", Gid.of("ShippingLine", line.id()));
        map.put("title", line.title());
        map.put("code", line.code());
        map.put("source", "shopify");
        map.put("carrierIdentifier", line.carrier());
        map.put("custom", false);
        map.put("isRemoved", false);
        map.put("originalPriceSet", MoneyBag.bag(line.price(), currency));
        map.put("discountedPriceSet", MoneyBag.bag(line.price(), currency));
        map.put("currentDiscountedPriceSet", MoneyBag.bag(line.price(), currency));
        map.put("discountAllocations", List.of());
        map.put("taxLines", line.taxLines().stream().map(tax -> taxLine(currency, tax)).toList());
        return map;
    }

    Map<String, Object> variant(final Variant variant) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "ProductVariant");
        map.put("id", Gid.of("ProductVariant", variant.id()));
        map.put("legacyResourceId", Long.toString(variant.id()));
        map.put("sku", variant.sku());
        map.put("barcode", variant.barcode());
        map.put("title", variant.title());
        map.put("displayName", shop.productTitle(variant.productId()) + " - " + variant.title());
        map.put("price", MoneyBag.decimal(variant.price()));
        map.put("compareAtPrice", null);
        map.put("taxable", true);
        map.put("availableForSale", true);
        map.put("inventoryPolicy", "DENY");
        map.put("inventoryQuantity", (Supplier<Object>) () -> shop.stockOfItem(variant.inventoryItemId()).stream()
                .mapToInt(entry -> entry.getValue().available).sum());
        map.put("inventoryItem", (Supplier<Object>) () -> inventoryItem(variant));
        map.put("product", (Supplier<Object>) () -> product(variant.productId()));
        map.put("selectedOptions", selectedOptions(variant));
        return map;
    }

    private List<Map<String, Object>> selectedOptions(final Variant variant) {
        final Map<String, String> options = shop.product(variant.productId()).map(state -> state.variantOptions.get(variant.id())).orElse(null);
        if (options == null) {
            return List.of(Map.of("__typename", "SelectedOption", "name", "Taille", "value", variant.title()));
        }
        return options.entrySet().stream().map(option -> Map.<String, Object>of("__typename", "SelectedOption",
                "name", option.getKey(), "value", option.getValue())).toList();
    }

    Map<String, Object> product(final long productId) {
        final ProductState state = shop.product(productId).orElse(null);
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "Product");
        map.put("id", Gid.of("Product", productId));
        map.put("legacyResourceId", Long.toString(productId));
        map.put("title", shop.productTitle(productId));
        map.put("vendor", state == null ? "Maison Nifi" : state.vendor);
        map.put("productType", state == null ? "Art de la table" : state.productType);
        map.put("status", state == null ? "ACTIVE" : state.status);
        map.put("tracksInventory", true);
        if (state != null) {
            map.put("handle", state.handle);
            map.put("descriptionHtml", state.descriptionHtml);
            map.put("createdAt", time(state.createdAt));
            map.put("updatedAt", time(state.updatedAt));
            map.put("hasOnlyDefaultVariant", state.options.size() == 1 && state.options.containsKey("Title"));
            map.put("totalVariants", state.variantIds.size());
            map.put("variantsCount", Map.of("__typename", "Count", "count", state.variantIds.size(), "precision", "EXACT"));
            map.put("options", (Supplier<Object>) () -> productOptions(state));
            map.put("variants", (Supplier<Object>) () -> state.variantIds.stream()
                    .map(shop::variant).flatMap(java.util.Optional::stream).map(this::variant).toList());
        }
        return map;
    }

    private List<Map<String, Object>> productOptions(final ProductState state) {
        final List<Map<String, Object>> options = new ArrayList<>();
        int position = 1;
        for (final Map.Entry<String, List<String>> option : state.options.entrySet()) {
            final Map<String, Object> map = new HashMap<>();
            map.put("__typename", "ProductOption");
            map.put("id", Gid.of("ProductOption", state.id * 10 + position));
            map.put("name", option.getKey());
            map.put("position", position++);
            map.put("values", option.getValue());
            options.add(map);
        }
        return options;
    }

    Map<String, Object> inventoryItem(final Variant variant) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "InventoryItem");
        map.put("id", Gid.of("InventoryItem", variant.inventoryItemId()));
        map.put("legacyResourceId", Long.toString(variant.inventoryItemId()));
        map.put("sku", variant.sku());
        map.put("tracked", true);
        map.put("requiresShipping", true);
        map.put("variant", (Supplier<Object>) () -> variant(variant));
        map.put("inventoryLevels", (Supplier<Object>) () -> shop.stockOfItem(variant.inventoryItemId()).stream()
                .map(entry -> inventoryLevel(entry.getKey(), entry.getValue())).toList());
        map.put("inventoryLevel", (Function<DataFetchingEnvironment, Object>) env -> Gid.parse(env.getArgument("locationId"), "Location")
                .stream().boxed().findFirst()
                .flatMap(locationId -> shop.stock(variant.inventoryItemId(), locationId)
                        .map(state -> inventoryLevel(new Shop.StockKey(variant.inventoryItemId(), locationId), state)))
                .orElse(null));
        return map;
    }

    Map<String, Object> inventoryLevel(final Shop.StockKey key, final Shop.StockState state) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "InventoryLevel");
        map.put("id", "gid://shopify/InventoryLevel/" + state.levelId + "?inventory_item_id=" + key.inventoryItemId());
        map.put("isActive", true);
        map.put("canDeactivate", false);
        map.put("createdAt", time(state.updatedAt));
        map.put("updatedAt", time(state.updatedAt));
        map.put("location", (Supplier<Object>) () -> shop.location(key.locationId()).map(this::location).orElse(null));
        map.put("item", (Supplier<Object>) () -> shop.variantByInventoryItem(key.inventoryItemId()).map(this::inventoryItem).orElse(null));
        map.put("quantities", (Function<DataFetchingEnvironment, Object>) env -> {
            final List<String> names = env.getArgument("names");
            final List<Map<String, Object>> quantities = new ArrayList<>();
            for (final String name : names) {
                final int quantity = switch (name) {
                    case "available" -> state.available;
                    case "committed" -> state.committed;
                    case "on_hand" -> state.onHand();
                    default -> 0;
                };
                final Map<String, Object> entry = new HashMap<>();
                entry.put("__typename", "InventoryQuantity");
                entry.put("id", "gid://shopify/InventoryQuantity/" + state.levelId + "?inventory_item_id=" + key.inventoryItemId() + "&name=" + name);
                entry.put("name", name);
                entry.put("quantity", quantity);
                entry.put("updatedAt", "available".equals(name) ? time(state.availableUpdatedAt) : null);
                quantities.add(entry);
            }
            return quantities;
        });
        return map;
    }

    Map<String, Object> location(final StockLocation location) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "Location");
        map.put("id", Gid.of("Location", location.id()));
        map.put("legacyResourceId", Long.toString(location.id()));
        map.put("name", location.name());
        map.put("isActive", true);
        map.put("isPrimary", location.id() == shop.locations().stream().mapToLong(StockLocation::id).min().orElse(0));
        map.put("fulfillsOnlineOrders", location.fulfillsOnlineOrders());
        map.put("shipsInventory", location.fulfillsOnlineOrders());
        map.put("hasActiveInventory", true);
        map.put("isFulfillmentService", false);
        final Address address = location.address();
        final Map<String, Object> locationAddress = new HashMap<>();
        locationAddress.put("__typename", "LocationAddress");
        locationAddress.put("address1", address.address1());
        locationAddress.put("address2", address.address2());
        locationAddress.put("city", address.city());
        locationAddress.put("zip", address.zip());
        locationAddress.put("province", address.province());
        locationAddress.put("country", address.country());
        locationAddress.put("countryCode", address.countryCode());
        locationAddress.put("phone", address.phone());
        map.put("address", locationAddress);
        return map;
    }

    Map<String, Object> fulfillmentOrder(final FulfillmentOrderState state) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "FulfillmentOrder");
        map.put("id", Gid.of("FulfillmentOrder", state.id));
        map.put("status", state.status);
        map.put("requestStatus", "UNSUBMITTED");
        map.put("createdAt", time(state.createdAt));
        map.put("updatedAt", time(state.updatedAt));
        map.put("fulfillAt", time(state.createdAt));
        map.put("fulfillBy", null);
        map.put("orderId", Gid.of("Order", state.orderId));
        map.put("fulfillmentHolds", List.of());
        map.put("merchantRequests", List.of());
        map.put("supportedActions", "OPEN".equals(state.status) || "IN_PROGRESS".equals(state.status)
                ? List.of(Map.of("__typename", "FulfillmentOrderSupportedAction", "action", "CREATE_FULFILLMENT"))
                : List.of());
        final StockLocation location = shop.location(state.locationId).orElse(null);
        final Map<String, Object> assigned = new HashMap<>();
        assigned.put("__typename", "FulfillmentOrderAssignedLocation");
        assigned.put("name", location == null ? null : location.name());
        assigned.put("address1", location == null ? null : location.address().address1());
        assigned.put("city", location == null ? null : location.address().city());
        assigned.put("zip", location == null ? null : location.address().zip());
        assigned.put("countryCode", location == null ? "FR" : location.address().countryCode());
        assigned.put("location", location == null ? null : location(location));
        map.put("assignedLocation", assigned);
        map.put("order", (Supplier<Object>) () -> shop.order(state.orderId).map(this::order).orElse(null));
        map.put("lineItems", (Supplier<Object>) () -> state.lines.stream().map(line -> fulfillmentOrderLine(state, line)).toList());
        map.put("fulfillments", (Supplier<Object>) () -> shop.fulfillmentsOf(state.orderId).stream()
                .filter(f -> f.locationId == state.locationId).map(this::fulfillment).toList());
        return map;
    }

    private Map<String, Object> fulfillmentOrderLine(final FulfillmentOrderState state, final FulfillmentOrderState.Line line) {
        final Order order = shop.order(state.orderId).orElseThrow();
        final Order.OrderLine orderLine = order.lines().stream().filter(l -> l.id() == line.lineItemId).findFirst().orElseThrow();
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "FulfillmentOrderLineItem");
        map.put("id", Gid.of("FulfillmentOrderLineItem", line.id));
        map.put("totalQuantity", line.total);
        map.put("remainingQuantity", line.remaining);
        map.put("sku", orderLine.sku());
        map.put("productTitle", orderLine.title());
        map.put("variantTitle", orderLine.variantTitle());
        map.put("requiresShipping", true);
        map.put("warnings", List.of());
        map.put("inventoryItemId", shop.variant(orderLine.variantId()).map(v -> Gid.of("InventoryItem", v.inventoryItemId())).orElse(null));
        map.put("variant", (Supplier<Object>) () -> shop.variant(orderLine.variantId()).map(this::variant).orElse(null));
        map.put("lineItem", (Supplier<Object>) () -> lineItem(order, orderLine));
        return map;
    }

    Map<String, Object> fulfillment(final FulfillmentState state) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "Fulfillment");
        map.put("id", Gid.of("Fulfillment", state.id));
        map.put("legacyResourceId", Long.toString(state.id));
        map.put("name", state.name);
        map.put("status", "SUCCESS");
        // as on Shopify, the latest event (by happenedAt) sets the display status, and the events set the dates
        final List<FulfillmentState.Event> events = state.events.stream()
                .sorted(java.util.Comparator.comparing(FulfillmentState.Event::happenedAt)).toList();
        final String displayStatus = events.isEmpty() ? "FULFILLED" : switch (events.getLast().status()) {
            case "LABEL_PURCHASED", "LABEL_PRINTED", "CONFIRMED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "ATTEMPTED_DELIVERY", "DELAYED",
                 "DELIVERED", "FAILURE", "CARRIER_PICKED_UP", "READY_FOR_PICKUP", "PICKED_UP" -> events.getLast().status();
            default -> "FULFILLED";
        };
        map.put("displayStatus", displayStatus);
        map.put("createdAt", time(state.createdAt));
        map.put("updatedAt", time(state.updatedAt));
        map.put("deliveredAt", events.stream().filter(e -> "DELIVERED".equals(e.status())).map(e -> time(e.happenedAt())).findFirst().orElse(null));
        map.put("inTransitAt", events.stream().filter(e -> "IN_TRANSIT".equals(e.status())).map(e -> time(e.happenedAt())).findFirst().orElse(null));
        map.put("estimatedDeliveryAt", events.reversed().stream().map(FulfillmentState.Event::estimatedDeliveryAt)
                .filter(java.util.Objects::nonNull).map(ShopGraph::time).findFirst().orElse(null));
        map.put("events", (Supplier<Object>) () -> state.events.stream().map(this::fulfillmentEvent).toList());
        map.put("requiresShipping", true);
        map.put("totalQuantity", state.lines.stream().mapToInt(FulfillmentState.ShippedLine::quantity).sum());
        map.put("trackingInfo", state.tracking.stream().map(t -> {
            final Map<String, Object> info = new HashMap<>();
            info.put("__typename", "FulfillmentTrackingInfo");
            info.put("company", t.company());
            info.put("number", t.number());
            info.put("url", t.url());
            return (Object) info;
        }).toList());
        map.put("location", (Supplier<Object>) () -> shop.location(state.locationId).map(this::location).orElse(null));
        map.put("order", (Supplier<Object>) () -> shop.order(state.orderId).map(this::order).orElse(null));
        map.put("fulfillmentLineItems", (Supplier<Object>) () -> {
            final Order order = shop.order(state.orderId).orElseThrow();
            return state.lines.stream().map(shipped -> {
                final Order.OrderLine line = order.lines().stream().filter(l -> l.id() == shipped.lineItemId()).findFirst().orElseThrow();
                final Map<String, Object> item = new HashMap<>();
                item.put("__typename", "FulfillmentLineItem");
                item.put("id", Gid.of("FulfillmentLineItem", shipped.id()));
                item.put("quantity", shipped.quantity());
                item.put("originalTotalSet", MoneyBag.bag(line.unitPrice().multiply(BigDecimal.valueOf(shipped.quantity())), order.currency()));
                item.put("lineItem", lineItem(order, line));
                return (Object) item;
            }).toList();
        });
        return map;
    }

    Map<String, Object> fulfillmentEvent(final FulfillmentState.Event event) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "FulfillmentEvent");
        map.put("id", Gid.of("FulfillmentEvent", event.id()));
        map.put("status", event.status());
        map.put("happenedAt", time(event.happenedAt()));
        map.put("createdAt", time(event.createdAt()));
        map.put("estimatedDeliveryAt", time(event.estimatedDeliveryAt()));
        map.put("message", event.message());
        map.put("address1", event.address1());
        map.put("city", event.city());
        map.put("province", event.province());
        map.put("zip", event.zip());
        map.put("country", event.country());
        map.put("latitude", event.latitude());
        map.put("longitude", event.longitude());
        return map;
    }
}
