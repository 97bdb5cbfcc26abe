package io.nifiecommerce.processors.amazon;

import io.nifiecommerce.amazon.RateGate;
import io.nifiecommerce.amazon.SellingPartnerClient;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Amazon meters each operation per selling partner and application: the connection services of one pair share its usage plans. */
class SharedUsagePlansTest {

    private static final SellingPartnerClient.Plan GET_ORDERS = new SellingPartnerClient.Plan(0.0167, 20);

    /** The processor a controller service needs to be tested with. */
    public static class NoOp extends AbstractProcessor {
        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
        }
    }

    private final TestRunner runner = TestRunners.newTestRunner(NoOp.class);

    private StandardAmazonConnectionService service(final String id, final String refreshToken, final String marketplaces)
            throws InitializationException {
        final StandardAmazonConnectionService service = new StandardAmazonConnectionService();
        runner.addControllerService(id, service);
        runner.setProperty(service, StandardAmazonConnectionService.CLIENT_ID, "amzn1.application-oa2-client.shared-plans-test");
        runner.setProperty(service, StandardAmazonConnectionService.CLIENT_SECRET, "secret");
        runner.setProperty(service, StandardAmazonConnectionService.REFRESH_TOKEN, refreshToken);
        runner.setProperty(service, StandardAmazonConnectionService.MARKETPLACE_IDS, marketplaces);
        runner.enableControllerService(service);
        return service;
    }

    @Test
    void twoServicesOfOneSellerAndAppSpendOneGetOrdersPlan() throws Exception {
        final StandardAmazonConnectionService france = service("amazon-fr", "Atzr|seller-1", "A13V1IB3VIYZZH");
        final StandardAmazonConnectionService germany = service("amazon-de", "Atzr|seller-1", "A1PA6795UKMFR9");
        final RateGate gate = france.client().gate("getOrders", GET_ORDERS);
        for (int i = 0; i < 20; i++) {
            assertNotNull(gate.reserve(Duration.ZERO), "getOrders' burst of 20");
        }
        assertNull(germany.client().gate("getOrders", GET_ORDERS).reserve(Duration.ZERO),
                "the other service's getOrders waits for the pair's bucket to refill");
        assertSame(gate, germany.client().gate("getOrders", GET_ORDERS));
        runner.disableControllerService(france);
        runner.disableControllerService(germany);
    }

    @Test
    void anotherSellerKeepsItsPlansAndDisablingReleasesThem() throws Exception {
        final StandardAmazonConnectionService first = service("first", "Atzr|seller-2", "A13V1IB3VIYZZH");
        final StandardAmazonConnectionService otherSeller = service("other", "Atzr|seller-3", "A13V1IB3VIYZZH");
        final RateGate gate = first.client().gate("getOrders", GET_ORDERS);
        assertNotSame(gate, otherSeller.client().gate("getOrders", GET_ORDERS));
        runner.disableControllerService(first);
        runner.enableControllerService(first);
        assertNotSame(gate, first.client().gate("getOrders", GET_ORDERS), "released when the only holder was disabled");
        runner.disableControllerService(first);
        runner.disableControllerService(otherSeller);
    }
}
