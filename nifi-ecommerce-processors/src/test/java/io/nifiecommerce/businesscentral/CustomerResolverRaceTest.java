package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two orders of one new customer written at the same moment, by two tasks of one node or by two nodes: the stub holds
 * both look-ups until both have found nothing, then both writers go on to create. BC has no uniqueness on e-mail, so
 * only the writers can keep the customer to one card: one node by its {@link CustomerLocks}, two nodes (each its own
 * locks) by the number derived from the Shopify customer, which BC refuses twice.
 */
class CustomerResolverRaceTest {

    private static final String EMAIL = "new.buyer@example.org";

    private StubBusinessCentral bc;
    private BusinessCentralClient client;

    @BeforeEach
    void start() throws Exception {
        bc = new StubBusinessCentral();
        client = SalesOrderSubmitterTest.client(bc);
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    @Test
    void twoTasksOfOneNodeCreateANewCustomerOnce() throws Exception {
        final CustomerResolver node = resolver(policy(null), CustomerLocks.JVM);
        assertOneCustomer(race(node, node));
        assertTrue(bc.records("customers").get(0).path("number").asText().startsWith("C"), "numbered by BC's series");
    }

    @Test
    void twoWritersOfOneNodeCreateANewCustomerOnce() throws Exception {
        final CustomerLocks node = new CustomerLocks();
        assertOneCustomer(race(resolver(policy(null), node), resolver(policy(null), node)));
        assertEquals(0, node.size(), "every lock is dropped once its writers are done");
    }

    @Test
    void twoNodesCreateANewCustomerOnceWhenItsNumberComesFromShopify() throws Exception {
        final List<String> numbers = race(resolver(policy("w"), new CustomerLocks()), resolver(policy("w"), new CustomerLocks()));
        assertOneCustomer(numbers);
        assertEquals("W7398465798423", numbers.get(0), "the prefix and the Shopify customer's id, upper-cased as BC's Code fields are");
        assertEquals(1, bc.writes().stream().filter(w -> w.entitySet().equals("customers")).map(w -> w.body().path("number").asText())
                .distinct().count(), "both nodes asked for the same number");
    }

    @Test
    void aCustomerCreatedEarlierUnderAnotherEmailIsReusedByItsNumber() {
        bc.customer("W7398465798423", "old.address@example.org", null);
        final Resolution<String> resolution = resolver(policy("W"), new CustomerLocks()).resolve(List.of(order("#3"))).get(0);
        assertEquals("W7398465798423", resolved(resolution));
        assertEquals(1, bc.records("customers").size(), "no second card");
    }

    private static CustomerPolicy policy(final String numberPrefix) {
        return new CustomerPolicy(List.of(CustomerMatch.EMAIL, CustomerMatch.CREATE), List.of(CustomerMatch.CREATE), null, null, null, numberPrefix);
    }

    private CustomerResolver resolver(final CustomerPolicy policy, final CustomerLocks locks) {
        return new CustomerResolver(client, new BatchedLookup(client, StubBusinessCentral.COMPANY_ID), StubBusinessCentral.COMPANY_ID, policy, locks);
    }

    /** Each writer resolves one order of the new customer, at once; the numbers they booked the orders on. */
    private List<String> race(final CustomerResolver first, final CustomerResolver second) throws Exception {
        bc.holdCustomerLookups(2);
        try (ExecutorService tasks = Executors.newFixedThreadPool(2)) {
            final CompletableFuture<Resolution<String>> a = CompletableFuture.supplyAsync(() -> first.resolve(List.of(order("#1"))).get(0), tasks);
            final CompletableFuture<Resolution<String>> b = CompletableFuture.supplyAsync(() -> second.resolve(List.of(order("#2"))).get(0), tasks);
            return List.of(resolved(a.get()), resolved(b.get()));
        }
    }

    private static String resolved(final Resolution<String> resolution) {
        assertTrue(resolution.isResolved(), resolution.errorCode() + " " + resolution.errorMessage());
        return resolution.value();
    }

    private void assertOneCustomer(final List<String> numbers) {
        final List<ObjectNode> cards = bc.records("customers").stream().filter(c -> EMAIL.equals(c.path("email").asText())).toList();
        assertEquals(1, cards.size(), "customer cards created for one new customer: " + cards);
        assertEquals(List.of(cards.get(0).path("number").asText(), cards.get(0).path("number").asText()), numbers,
                "both orders are booked on the one card");
    }

    private static Order order(final String name) {
        return TestOrders.ofCustomer(TestOrders.b2c(name, 1), new Customer("gid://shopify/Customer/7398465798423", EMAIL, "New", "Buyer", null));
    }
}
