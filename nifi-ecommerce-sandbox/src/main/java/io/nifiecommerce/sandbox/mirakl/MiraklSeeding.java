package io.nifiecommerce.sandbox.mirakl;

import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The sandbox's marketplace: one seller shop on a Mirakl marketplace, its orders drawn from the shop's catalogue (the
 * SKUs BC knows as item numbers), one line in twenty on an offer SKU unknown to BC so that acceptance refuses some, and
 * the BC accounts its bookings need (the marketplace as customer and vendor, a general journal).
 */
public final class MiraklSeeding {

    public static final String MARKETPLACE = "carrefour";
    public static final String PREFIX = "/mirakl/" + MARKETPLACE;
    public static final String API_KEY = "sandbox-mirakl-key";
    public static final String BC_PARTY = "MKT-CARREFOUR";
    public static final String BC_JOURNAL = "MARKETPL";
    public static final String BC_CHANNEL_DIMENSION = "CANAL";

    private static final BigDecimal COMMISSION = new BigDecimal("0.15");
    private static final String[][] CUSTOMERS = {
            {"Camille", "Martin", "12 rue de la Paix", "75002", "Paris"},
            {"Léa", "Bernard", "3 place Bellecour", "69002", "Lyon"},
            {"Hugo", "Dubois", "8 cours Mirabeau", "13100", "Aix-en-Provence"},
            {"Chloé", "Thomas", "21 quai des Chartrons", "33000", "Bordeaux"},
            {"Louis", "Robert", "5 rue Nationale", "59000", "Lille"}};

    private MiraklSeeding() {
    }

    /** A marketplace on the system clock: accepted orders are debited after {@code debitDelay}. */
    public static MiraklSimulator marketplace(final ShopSeedData seed, final int orders, final long randomSeed, final Duration debitDelay,
                                              final FaultInjector faults) {
        final MiraklShop shop = new MiraklShop("2001", "Maison Dupont", Clock.systemUTC(), debitDelay);
        placeOrders(shop, seed, orders, randomSeed);
        // the sandbox's budget is generous: the demo runs several flows against it at once
        return new MiraklSimulator(shop, API_KEY, 50, faults);
    }

    /** Places {@code orders} orders of one to three lines from the catalogue, numbered from 700001. */
    public static List<String> placeOrders(final MiraklShop shop, final ShopSeedData seed, final int orders, final long randomSeed) {
        final Random random = new Random(randomSeed);
        final List<Variant> variants = seed.variants();
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            final String[] c = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
            final List<MiraklShop.NewLine> lines = new ArrayList<>();
            final int count = 1 + random.nextInt(3);
            for (int l = 0; l < count; l++) {
                final Variant variant = variants.get(random.nextInt(variants.size()));
                final boolean unknown = random.nextInt(20) == 0;
                lines.add(new MiraklShop.NewLine(unknown ? "MKT-ONLY-" + random.nextInt(1000) : variant.sku(), variant.title(),
                        1 + random.nextInt(2), variant.price(), l == 0 ? new BigDecimal("4.90") : BigDecimal.ZERO, COMMISSION));
            }
            ids.add(shop.placeOrder(Integer.toString(700001 + i), "WEB", new MiraklShop.NewCustomer(c[0], c[1], c[2], c[3], c[4], "FRA"), lines));
        }
        return ids;
    }

    /**
     * The BC side: the marketplace as customer (its orders) and vendor (its invoices), the journal of its settlements, and
     * the channel dimension with the marketplace's value.
     */
    public static void seedBusinessCentral(final BcCompany company) {
        company.putDimensionValue(BC_CHANNEL_DIMENSION, MARKETPLACE.toUpperCase(Locale.ROOT), "Carrefour Marketplace");
        // the channel of the demo's canonical marketplace files
        company.putDimensionValue(BC_CHANNEL_DIMENSION, "AMAZON.FR", "Amazon France");
        company.putCustomer(BC_PARTY, "Carrefour Marketplace", "marketplace@carrefour.example", null);
        company.putVendor(BC_PARTY, "Carrefour Marketplace");
        company.putJournal(BC_JOURNAL, "Marketplace settlements (" + MARKETPLACE.toUpperCase(Locale.ROOT) + ")");
    }
}
