package io.nifiecommerce.shopify.draft;

import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.DraftOrderState;
import io.nifiecommerce.sandbox.shopify.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Orders back to the drafts they were completed from, on the sandbox's draftOrders (customer_id, status, updated_at, DraftOrder.order). */
class DraftOriginsTest {

    private Sandbox sandbox;
    private DraftOrigins origins;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(20).withSeed(7));
        origins = new DraftOrigins(DraftOrderNamesTest.client(sandbox));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static io.nifiecommerce.order.Order canonical(final Order order) {
        return canonical(order, new Customer("gid://shopify/Customer/" + order.customerId(), null, null, null, null));
    }

    private static io.nifiecommerce.order.Order canonical(final Order order, final Customer customer) {
        return new io.nifiecommerce.order.Order("shopify", "gid://shopify/Order/" + order.id(), order.name(), Segment.B2B, "web",
                order.createdAt().toString(), order.updatedAt().toString(), null, "2026-04-02T10:00:00Z", "EUR", false, "PAID", null, null,
                List.of(), null, null, customer, null, null, null,
                List.of(), List.of(), null, null, null, null, null);
    }

    @Test
    void eachOrderMadeFromADraftFindsItsOwnDraftAmongTheCustomersOthers() {
        final Shop shop = sandbox.shopify().shop();
        final Order b2b = sandbox.seed().orders().stream().filter(Order::isB2b).findFirst().orElseThrow();
        shop.checkoutToDraft(b2b.b2b().companyLocationId(), true);
        final List<DraftOrderState> drafts = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> drafts.add(shop.checkout(b2b.asDocument(b2b.id() + 100 + i, null, b2b.createdAt(), "PENDING"))
                .orElseThrow()));
        final Order fromSecond = shop.completeDraft(drafts.get(1), false);
        final Order fromFourth = shop.completeDraft(drafts.get(3), false);

        assertEquals(Optional.of(drafts.get(1).name()), origins.draftNameOf(canonical(fromSecond)));
        assertEquals(Optional.of(drafts.get(3).name()), origins.draftNameOf(canonical(fromFourth)));
        // the same customer's order placed without a draft: no draft names it
        final Order direct = shop.order(b2b.id()).orElseThrow();
        assertEquals(Optional.empty(), origins.draftNameOf(canonical(direct)));
    }

    @Test
    void anOrderWithoutAShopifyCustomerIsNotSearched() {
        final Order b2b = sandbox.seed().orders().stream().filter(Order::isB2b).findFirst().orElseThrow();
        final io.nifiecommerce.order.Order order = canonical(b2b);
        assertEquals("customer_id:" + b2b.customerId() + " status:completed updated_at:>='"
                + b2b.createdAt().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "'", DraftOrigins.query(order));
        assertNull(DraftOrigins.query(canonical(b2b, null)));
        assertNull(DraftOrigins.query(canonical(b2b, new Customer("amazon-buyer-7", null, null, null, null))));
    }
}
