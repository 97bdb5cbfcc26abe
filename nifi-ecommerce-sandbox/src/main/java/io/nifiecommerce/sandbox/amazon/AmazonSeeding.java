package io.nifiecommerce.sandbox.amazon;

import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sandbox's Amazon seller account on Amazon.fr: its LWA application credentials, orders drawn from the shop's
 * catalogue (the SKUs BC knows as item numbers), and the BC side of its bookings (the marketplace as customer, the
 * channel dimension value).
 */
public final class AmazonSeeding {

    public static final String PREFIX = "/amazon";
    public static final String CLIENT_ID = "amzn1.application-oa2-client.sandbox";
    public static final String CLIENT_SECRET = "sandbox-lwa-client-secret";
    public static final String REFRESH_TOKEN = "Atzr|sandbox-refresh-token";
    public static final String BC_CUSTOMER = "MKT-AMAZON";
    public static final String CHANNEL = "AMAZON";
    public static final String BC_CHANNEL_DIMENSION = "CANAL";
    /** The sandbox's buckets refill this much faster than Amazon's default plans: the demo reads its orders in minutes. */
    public static final double SANDBOX_RATE_FACTOR = 60;

    private static final BigDecimal VAT = new BigDecimal("0.20");
    private static final String[][] DESTINATIONS = {{"Paris", "75011"}, {"Lyon", "69003"}, {"Nantes", "44000"}, {"Toulouse", "31000"},
            {"Strasbourg", "67000"}};

    private AmazonSeeding() {
    }

    /** The seller account on the system clock, payments authorised {@code paymentDelay} after each purchase. */
    public static AmazonSimulator seller(final ShopSeedData seed, final int orders, final long randomSeed, final Duration paymentDelay,
                                         final FaultInjector faults) {
        final AmazonSeller seller = new AmazonSeller(Clock.systemUTC(), paymentDelay);
        placeOrders(seller, seed, orders, randomSeed);
        return new AmazonSimulator(seller, login(Clock.systemUTC()), SANDBOX_RATE_FACTOR, faults);
    }

    public static LoginWithAmazon login(final Clock clock) {
        return new LoginWithAmazon(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, LoginWithAmazon.DEFAULT_LIFETIME, clock);
    }

    /** Places {@code orders} orders of one or two items from the catalogue; one order in four has a promotion. */
    public static List<String> placeOrders(final AmazonSeller seller, final ShopSeedData seed, final int orders, final long randomSeed) {
        final Random random = new Random(randomSeed ^ 0x5A5A);
        final List<Variant> variants = seed.variants();
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            final String[] d = DESTINATIONS[random.nextInt(DESTINATIONS.length)];
            final List<AmazonSeller.NewItem> items = new ArrayList<>();
            final int count = 1 + random.nextInt(2);
            for (int l = 0; l < count; l++) {
                final Variant variant = variants.get(random.nextInt(variants.size()));
                final BigDecimal promotion = l == 0 && random.nextInt(4) == 0 ? new BigDecimal("2.00") : BigDecimal.ZERO;
                items.add(new AmazonSeller.NewItem(variant.sku(), variant.title(), 1 + random.nextInt(2), variant.price(), VAT,
                        l == 0 ? new BigDecimal("3.99") : BigDecimal.ZERO, promotion));
            }
            ids.add(seller.placeOrder(AmazonSeller.MARKETPLACE_FR, new AmazonSeller.Destination(d[0], d[1], "FR"), items));
        }
        return ids;
    }

    /** The BC side: Amazon as a customer, and its value of the channel dimension. */
    public static void seedBusinessCentral(final BcCompany company) {
        company.putDimensionValue(BC_CHANNEL_DIMENSION, CHANNEL, "Amazon");
        company.putCustomer(BC_CUSTOMER, "Amazon EU", "marketplace@amazon.example", null);
    }
}
