package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.RequestGovernor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every flow definition declares its own BC connection service: the services of one user must together stay within the
 * user's 5 concurrent requests, whatever company each names.
 */
class SharedRequestGovernorTest {

    private final TestRunner runner = TestRunners.newTestRunner(StandardBusinessCentralConnectionServiceTest.NoOp.class);

    private StandardBusinessCentralConnectionService service(final String id, final String tenant, final String clientId, final String company)
            throws InitializationException {
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        runner.addControllerService(id, service);
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, tenant);
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, clientId);
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, "secret");
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, company);
        runner.enableControllerService(service);
        return service;
    }

    @Test
    void twoFlowsOfOneUserNeverSendMoreThanFiveRequestsAtOnce() throws Exception {
        final StandardBusinessCentralConnectionService orders = service("orders-bc", "tenant-flows", "client-1", "CRONUS FR");
        final StandardBusinessCentralConnectionService stock = service("stock-bc", "tenant-flows", "client-1", "CRONUS DE");
        final RequestGovernor governor = orders.client().governor();
        final List<RequestGovernor.Permit> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(governor.acquire());
        }
        final CompletableFuture<RequestGovernor.Permit> sixth = CompletableFuture.supplyAsync(() -> stock.client().governor().acquire());
        Thread.sleep(300);
        assertFalse(sixth.isDone(), "the other flow's request waits for one of the five");
        held.removeFirst().close();
        held.add(sixth.get(10, TimeUnit.SECONDS));
        held.forEach(RequestGovernor.Permit::close);
        assertSame(governor, stock.client().governor(), "another company, the same user: one governor");
        runner.disableControllerService(orders);
        runner.disableControllerService(stock);
    }

    @Test
    void anotherAppKeepsItsOwnGovernorAndDisablingReleasesIt() throws Exception {
        final StandardBusinessCentralConnectionService first = service("first-bc", "tenant-apps", "client-1", "CRONUS");
        final StandardBusinessCentralConnectionService other = service("other-bc", "tenant-apps", "client-2", "CRONUS");
        assertNotSame(first.client().governor(), other.client().governor());
        final StandardBusinessCentralConnectionService second = service("second-bc", "tenant-apps", "client-1", "CRONUS");
        final RequestGovernor shared = first.client().governor();
        runner.disableControllerService(first);
        assertSame(shared, second.client().governor(), "still held by the second service");
        runner.disableControllerService(second);
        runner.enableControllerService(first);
        assertNotSame(shared, first.client().governor(), "released when both were disabled");
        runner.disableControllerService(first);
        runner.disableControllerService(other);
    }

    @Test
    void aLowerCapOnOneServiceHoldsForTheUsersOtherServices() throws Exception {
        final StandardBusinessCentralConnectionService orders = service("capped-orders-bc", "tenant-cap", "client-1", "CRONUS");
        final StandardBusinessCentralConnectionService careful = new StandardBusinessCentralConnectionService();
        runner.addControllerService("capped-careful-bc", careful);
        runner.setProperty(careful, StandardBusinessCentralConnectionService.TENANT_ID, "tenant-cap");
        runner.setProperty(careful, StandardBusinessCentralConnectionService.CLIENT_ID, "client-1");
        runner.setProperty(careful, StandardBusinessCentralConnectionService.CLIENT_SECRET, "secret");
        runner.setProperty(careful, StandardBusinessCentralConnectionService.COMPANY, "CRONUS");
        runner.setProperty(careful, StandardBusinessCentralConnectionService.MAX_CONCURRENT_REQUESTS, "2");
        runner.enableControllerService(careful);
        assertEquals(2, orders.client().governor().concurrentShare());
        runner.disableControllerService(careful);
        assertEquals(5, orders.client().governor().concurrentShare());
        runner.disableControllerService(orders);
    }
}
