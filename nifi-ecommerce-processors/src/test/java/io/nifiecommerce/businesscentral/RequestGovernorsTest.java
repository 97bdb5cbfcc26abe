package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ClusterShare;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class RequestGovernorsTest {

    private static final RequestGovernors.Limits ONLINE = new RequestGovernors.Limits(5, 6000, Duration.ofMinutes(5));

    // a tenant of its own per test: the registry is the JVM's
    private static BusinessCentralEndpoint environment(final String tenant) {
        return BusinessCentralEndpoint.online(null, tenant, "Production");
    }

    @Test
    void servicesOfOneUserShareTheFiveConcurrentRequests() throws Exception {
        final BusinessCentralEndpoint production = environment("tenant-shared-cap");
        final String app = RequestGovernors.clientUser("tenant-shared-cap", "client-1");
        try (var orders = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE);
             var stock = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE)) {
            assertSame(orders.quota(), stock.quota());
            final List<RequestGovernor.Permit> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(orders.quota().acquire());
            }
            final CompletableFuture<RequestGovernor.Permit> sixth = CompletableFuture.supplyAsync(() -> stock.quota().acquire());
            Thread.sleep(300);
            assertFalse(sixth.isDone(), "a sixth request through another service of the same user waits");
            held.removeFirst().close();
            held.add(sixth.get(10, TimeUnit.SECONDS));
            held.forEach(RequestGovernor.Permit::close);
        }
    }

    @Test
    void otherUsersAndEnvironmentsKeepTheirOwnGovernor() {
        final BusinessCentralEndpoint production = environment("tenant-independent");
        final String app = RequestGovernors.clientUser("tenant-independent", "client-1");
        try (var one = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE);
             var otherApp = RequestGovernors.lease(production, RequestGovernors.clientUser("tenant-independent", "client-2"), ONLINE, ClusterShare.WHOLE);
             var otherEnvironment = RequestGovernors.lease(BusinessCentralEndpoint.online(null, "tenant-independent", "Sandbox"), app, ONLINE,
                     ClusterShare.WHOLE);
             var basic = RequestGovernors.lease(production, RequestGovernors.basicUser("client-1"), ONLINE, ClusterShare.WHOLE)) {
            assertNotSame(one.quota(), otherApp.quota());
            assertNotSame(one.quota(), otherEnvironment.quota());
            assertNotSame(one.quota(), basic.quota());
            for (int i = 0; i < 5; i++) {
                one.quota().acquire(); // never closed: this governor is full
            }
            otherApp.quota().acquire().close();
            otherEnvironment.quota().acquire().close();
        }
    }

    @Test
    void identitiesAreComparedAsBusinessCentralDoes() {
        final BusinessCentralEndpoint production = environment("tenant-case");
        try (var lower = RequestGovernors.lease(production, RequestGovernors.basicUser("NAV-USER"), ONLINE, ClusterShare.WHOLE);
             var upper = RequestGovernors.lease(environment("TENANT-CASE"), RequestGovernors.basicUser(" nav-user"), ONLINE, ClusterShare.WHOLE)) {
            assertSame(lower.quota(), upper.quota(), "user names and hosts are case-insensitive");
        }
    }

    @Test
    void theStrictestHolderSetsTheLimitsUntilItLeaves() {
        final BusinessCentralEndpoint production = environment("tenant-strictest");
        final String app = RequestGovernors.clientUser("tenant-strictest", "client-1");
        try (var orders = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE)) {
            final RequestGovernor governor = orders.quota();
            try (var careful = RequestGovernors.lease(production, app, new RequestGovernors.Limits(3, 4000, Duration.ofMinutes(10)), ClusterShare.WHOLE)) {
                assertEquals(3, governor.maxConcurrent());
                assertEquals(4000, governor.windowShare());
                assertEquals(Duration.ofMinutes(10), governor.window());
            }
            assertEquals(5, governor.maxConcurrent(), "back to the remaining holder's limits");
            assertEquals(6000, governor.windowShare());
            assertEquals(Duration.ofMinutes(5), governor.window());
        }
    }

    @Test
    void theLastReleaseEndsTheGovernor() {
        final BusinessCentralEndpoint production = environment("tenant-release");
        final String app = RequestGovernors.clientUser("tenant-release", "client-1");
        final var first = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE);
        final var second = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE);
        assertEquals(2, RequestGovernors.holders(production, app));
        first.close();
        first.close();
        assertEquals(1, RequestGovernors.holders(production, app), "a lease closed twice is released once");
        second.close();
        assertEquals(0, RequestGovernors.holders(production, app));
        try (var again = RequestGovernors.lease(production, app, ONLINE, ClusterShare.WHOLE)) {
            assertNotSame(first.quota(), again.quota(), "a governor nobody holds is not kept");
        }
    }

    @Test
    void theSharedGovernorKeepsTheNodesShare() throws Exception {
        final BusinessCentralEndpoint production = environment("tenant-cluster");
        final String app = RequestGovernors.clientUser("tenant-cluster", "client-1");
        final ClusterShare twoNodes = new ClusterShare(() -> 2);
        try (var orders = RequestGovernors.lease(production, app, ONLINE, twoNodes);
             var stock = RequestGovernors.lease(production, app, ONLINE, twoNodes)) {
            assertEquals(2, stock.quota().concurrentShare(), "5 per user on 2 nodes: 2 on this node for both services");
            assertEquals(3000, stock.quota().windowShare());
            final RequestGovernor.Permit a = orders.quota().acquire();
            final RequestGovernor.Permit b = stock.quota().acquire();
            final CompletableFuture<RequestGovernor.Permit> third = CompletableFuture.supplyAsync(() -> orders.quota().acquire());
            Thread.sleep(300);
            assertFalse(third.isDone());
            a.close();
            third.get(10, TimeUnit.SECONDS).close();
            b.close();
        }
    }
}
