package io.nifiecommerce.sandbox.seed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds a shop deterministically from (orders, seed, anchor): the same arguments always give the
 * same catalog, people, companies, stock and orders. Orders are spread over the {@code spreadDays}
 * before the anchor; the anchor defaults to the start of the current UTC day so that a seed is
 * stable for a day and recent enough for "last 60 days" windows.
 */
public final class ShopSeed {

    private static final long PRODUCT_BASE = 8_000_000_000_000L;
    private static final long VARIANT_BASE = 44_000_000_000_000L;
    private static final long INVENTORY_ITEM_BASE = 46_000_000_000_000L;
    private static final long CUSTOMER_BASE = 7_000_000_000_000L;
    private static final long COMPANY_BASE = 1_000_000_000L;
    private static final long COMPANY_LOCATION_BASE = 2_000_000_000L;
    private static final long COMPANY_CONTACT_BASE = 3_000_000_000L;
    private static final long LOCATION_BASE = 70_000_000_000L;
    private static final long ORDER_BASE = 5_000_000_000_000L;
    private static final long LINE_BASE = 13_000_000_000_000L;
    private static final long SHIPPING_LINE_BASE = 4_000_000_000_000L;

    private static final List<String> PRODUCT_NAMES = List.of("Tasse en grès", "Théière émaillée", "Carafe à décanter",
            "Plaid en laine mérinos", "Bougie parfumée", "Couteau d'office", "Planche à découper en chêne",
            "Moulin à poivre", "Tablier en lin", "Panier en osier", "Saladier en céramique", "Verre à pied",
            "Cocotte en fonte", "Torchon brodé", "Lampe de chevet", "Coussin velours");
    private static final List<String> SIZES = List.of("Petit", "Moyen", "Grand");
    private static final List<String> CURRENCIES = List.of("GBP", "CHF", "USD");
    private static final List<String> RETAIL_TAGS = List.of("newsletter", "vip", "gift", "first-order");

    private final int orderCount;
    private final long seed;
    private final Instant anchor;
    private final int spreadDays;

    public ShopSeed(final int orderCount, final long seed, final Instant anchor, final int spreadDays) {
        this.orderCount = orderCount;
        this.seed = seed;
        this.anchor = anchor;
        this.spreadDays = Math.max(1, spreadDays);
    }

    /** The seed anchored at the start of today (UTC), orders spread over the past 30 days. */
    public static ShopSeedData generate(final int orderCount, final long seed) {
        return new ShopSeed(orderCount, seed, Instant.now().truncatedTo(ChronoUnit.DAYS), 30).generate();
    }

    public ShopSeedData generate() {
        final Random random = new Random(seed);
        final FrenchDirectory directory = new FrenchDirectory(random);
        final List<StockLocation> locations = locations(directory);
        final List<Product> products = products(random);
        final List<StockLevel> stock = stock(random, products, locations);
        final List<Customer> customers = customers(random, directory, Math.max(20, orderCount / 3));
        final List<Company> companies = companies(random, directory, customers, Math.max(3, orderCount / 20));
        final List<Order> orders = orders(random, products, customers, companies);
        return new ShopSeedData(seed, products, customers, companies, locations, stock, orders);
    }

    private static List<StockLocation> locations(final FrenchDirectory directory) {
        return List.of(
                new StockLocation(LOCATION_BASE + 1, "Entrepôt Lyon", directory.address(null, null, "Entrepôt Lyon"), true),
                new StockLocation(LOCATION_BASE + 2, "Entrepôt Île-de-France", directory.address(null, null, "Entrepôt IDF"), true),
                new StockLocation(LOCATION_BASE + 3, "Boutique Paris Marais", directory.address(null, null, "Boutique Marais"), false));
    }

    private static List<Product> products(final Random random) {
        final List<Product> products = new ArrayList<>();
        int variantIndex = 0;
        for (int p = 0; p < PRODUCT_NAMES.size(); p++) {
            final long productId = PRODUCT_BASE + p + 1;
            final int variantCount = 1 + random.nextInt(3);
            final List<Variant> variants = new ArrayList<>();
            final BigDecimal basePrice = BigDecimal.valueOf(500 + random.nextInt(9000), 2);
            for (int v = 0; v < variantCount; v++) {
                variantIndex++;
                final String sku = String.format(Locale.ROOT, "NE-%03d-%s", p + 1, SIZES.get(v).substring(0, 1));
                final String gtin = Gtin13.of(String.format(Locale.ROOT, "376%09d", 100_000 + variantIndex * 37L));
                final BigDecimal price = basePrice.add(BigDecimal.valueOf(v * 500L, 2));
                variants.add(new Variant(VARIANT_BASE + variantIndex, productId, INVENTORY_ITEM_BASE + variantIndex, sku, gtin,
                        SIZES.get(v), price, 200 + random.nextInt(1800)));
            }
            products.add(new Product(productId, PRODUCT_NAMES.get(p), "Maison Nifi", "Art de la table", List.copyOf(variants)));
        }
        return List.copyOf(products);
    }

    private static List<StockLevel> stock(final Random random, final List<Product> products, final List<StockLocation> locations) {
        final List<StockLevel> levels = new ArrayList<>();
        for (final Product product : products) {
            for (final Variant variant : product.variants()) {
                for (final StockLocation location : locations) {
                    // The shop location does not stock every item: ITEM_NOT_STOCKED_AT_LOCATION exists.
                    if (!location.fulfillsOnlineOrders() && random.nextBoolean()) {
                        continue;
                    }
                    levels.add(new StockLevel(variant.inventoryItemId(), location.id(), random.nextInt(200), random.nextInt(5)));
                }
            }
        }
        return List.copyOf(levels);
    }

    private static List<Customer> customers(final Random random, final FrenchDirectory directory, final int count) {
        final List<Customer> customers = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            final String first = directory.firstName();
            final String last = directory.lastName();
            final long id = CUSTOMER_BASE + i;
            customers.add(new Customer(id, first, last, FrenchDirectory.email(first, last, i, "example.fr"),
                    directory.phone(), directory.address(first, last, null)));
        }
        return List.copyOf(customers);
    }

    private static List<Company> companies(final Random random, final FrenchDirectory directory, final List<Customer> customers,
                                           final int count) {
        final List<Company> companies = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            final Customer contactPerson = customers.get((i * 7) % customers.size());
            final String name = directory.companyName(directory.lastName());
            final String siren = String.format(Locale.ROOT, "%09d", 300_000_000 + random.nextInt(600_000_000));
            final String vat = frenchVatNumber(siren);
            final List<Company.CompanyLocation> companyLocations = new ArrayList<>();
            final int locationCount = 1 + random.nextInt(2);
            for (int l = 1; l <= locationCount; l++) {
                final Address shipping = directory.address(contactPerson.firstName(), contactPerson.lastName(), name);
                final Address billing = l == 1 ? shipping : directory.address(contactPerson.firstName(), contactPerson.lastName(), name);
                companyLocations.add(new Company.CompanyLocation(COMPANY_LOCATION_BASE + i * 10L + l,
                        name + (l == 1 ? " - Siège" : " - Site " + l), String.format(Locale.ROOT, "CL-%04d-%d", i, l), vat,
                        billing, shipping));
            }
            final List<Company.CompanyContact> contacts = List.of(
                    new Company.CompanyContact(COMPANY_CONTACT_BASE + i * 10L + 1, contactPerson.id(), true, "Acheteur"));
            companies.add(new Company(COMPANY_BASE + i, name, String.format(Locale.ROOT, "C%05d", i), vat,
                    List.copyOf(companyLocations), contacts));
        }
        return List.copyOf(companies);
    }

    /** FR + 2-digit key + SIREN, the key being (12 + 3 * (SIREN mod 97)) mod 97. */
    static String frenchVatNumber(final String siren) {
        final long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return String.format(Locale.ROOT, "FR%02d%s", key, siren);
    }

    private List<Order> orders(final Random random, final List<Product> products, final List<Customer> customers,
                               final List<Company> companies) {
        final List<Variant> variants = products.stream().flatMap(product -> product.variants().stream()).toList();
        final List<Order> orders = new ArrayList<>(orderCount);
        final long spreadSeconds = Duration.ofDays(spreadDays).toSeconds();
        long lineId = LINE_BASE;
        for (int i = 1; i <= orderCount; i++) {
            // Created in increasing order over the spread, updated a little after creation.
            final long offset = spreadSeconds * (orderCount - i + 1) / (orderCount + 1) + random.nextInt(600);
            final Instant createdAt = anchor.minusSeconds(offset);
            final Instant updatedAt = createdAt.plusSeconds(random.nextInt(7200));
            final boolean b2b = random.nextInt(10) < 3;
            final Company company = b2b ? companies.get(random.nextInt(companies.size())) : null;
            final Company.CompanyLocation companyLocation = b2b ? company.locations().get(random.nextInt(company.locations().size())) : null;
            final Customer customer = b2b
                    ? customers.stream().filter(c -> c.id() == company.contacts().get(0).customerId()).findFirst().orElseThrow()
                    : customers.get(random.nextInt(customers.size()));
            final String currency = random.nextInt(100) < 85 ? "EUR" : CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            final boolean taxesIncluded = !b2b && random.nextInt(10) < 8;
            final BigDecimal rate = random.nextInt(10) < 8 ? new BigDecimal("0.2") : new BigDecimal("0.055");
            final List<Order.OrderLine> lines = new ArrayList<>();
            final int lineCount = 1 + random.nextInt(b2b ? 6 : 3);
            final List<Variant> chosen = new ArrayList<>();
            while (chosen.size() < lineCount) {
                final Variant variant = variants.get(random.nextInt(variants.size()));
                if (!chosen.contains(variant)) {
                    chosen.add(variant);
                }
            }
            for (final Variant variant : chosen) {
                final int quantity = b2b ? 2 + random.nextInt(24) : 1 + random.nextInt(3);
                final BigDecimal original = variant.price().multiply(BigDecimal.valueOf(quantity));
                final BigDecimal discount = random.nextInt(10) < 3
                        ? original.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_EVEN) : BigDecimal.ZERO.setScale(2);
                final BigDecimal taxable = original.subtract(discount);
                final String productTitle = products.stream().filter(p -> p.id() == variant.productId()).findFirst().orElseThrow().title();
                lines.add(new Order.OrderLine(++lineId, variant.id(), variant.sku(), productTitle, variant.title(), quantity,
                        variant.price(), discount, List.of(tax(rate, taxable, taxesIncluded))));
            }
            final BigDecimal shippingPrice = b2b && random.nextBoolean() ? BigDecimal.ZERO.setScale(2)
                    : BigDecimal.valueOf(490 + random.nextInt(3) * 200L, 2);
            final String carrier = random.nextBoolean() ? "Colissimo" : "Chronopost";
            final List<Order.ShippingLine> shippingLines = List.of(new Order.ShippingLine(SHIPPING_LINE_BASE + i,
                    carrier.equals("Colissimo") ? "Colissimo Domicile" : "Chronopost 13h", carrier.toLowerCase(Locale.ROOT) + "-standard",
                    carrier, shippingPrice, List.of(tax(new BigDecimal("0.2"), shippingPrice, taxesIncluded))));
            final List<String> tags = new ArrayList<>();
            if (b2b) {
                tags.add("b2b");
                if (random.nextInt(10) < 6) {
                    tags.add("validated");
                }
            } else if (random.nextInt(4) == 0) {
                tags.add(RETAIL_TAGS.get(random.nextInt(RETAIL_TAGS.size())));
            }
            final int statusRoll = random.nextInt(100);
            final String financial = b2b && statusRoll < 40 ? "PENDING"
                    : statusRoll < 85 ? "PAID" : statusRoll < 92 ? "AUTHORIZED" : statusRoll < 97 ? "PARTIALLY_REFUNDED" : "REFUNDED";
            final boolean cancelled = random.nextInt(100) < 3;
            final Order.B2bPurchase purchase = b2b
                    ? new Order.B2bPurchase(company.id(), companyLocation.id(), company.contacts().get(0).id()) : null;
            final Address shipping = b2b ? companyLocation.shippingAddress() : customer.address();
            final Address billing = b2b ? companyLocation.billingAddress() : customer.address();
            orders.add(new Order(ORDER_BASE + i, "#" + (1000 + i), createdAt, updatedAt, createdAt, customer.email(), currency,
                    taxesIncluded, b2b ? String.format(Locale.ROOT, "PO-%06d", 100_000 + random.nextInt(900_000)) : null,
                    List.copyOf(tags), financial, "UNFULFILLED", cancelled ? updatedAt : null, cancelled ? "CUSTOMER" : null,
                    customer.id(), purchase, shipping, billing, List.copyOf(lines), shippingLines, b2b ? "shopify_draft_order" : "web",
                    b2b ? "Livraison sur quai, créneau 8h-12h" : null));
        }
        return List.copyOf(orders);
    }

    private static Order.TaxLine tax(final BigDecimal rate, final BigDecimal amount, final boolean included) {
        final BigDecimal tax = included
                ? amount.multiply(rate).divide(BigDecimal.ONE.add(rate), 2, RoundingMode.HALF_EVEN)
                : amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
        final String title = rate.compareTo(new BigDecimal("0.2")) == 0 ? "TVA 20%" : "TVA 5,5%";
        return new Order.TaxLine(title, rate, tax);
    }
}
