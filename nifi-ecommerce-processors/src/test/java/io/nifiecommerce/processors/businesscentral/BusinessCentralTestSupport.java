package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.order.Order;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.math.BigDecimal;
import java.util.List;

/** Wires a connection service to the stub and JSON reader/writer services into a test runner. */
final class BusinessCentralTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    }

    private BusinessCentralTestSupport() {
    }

    static StandardBusinessCentralConnectionService connect(final TestRunner runner, final StubBusinessCentral bc, final String secret)
            throws InitializationException {
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        runner.addControllerService("bc", service);
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, StubBusinessCentral.TENANT);
        runner.setProperty(service, StandardBusinessCentralConnectionService.ENVIRONMENT, StubBusinessCentral.ENVIRONMENT);
        runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, bc.baseUrl());
        runner.setProperty(service, StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, bc.baseUrl());
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, "client");
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, secret);
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, StubBusinessCentral.COMPANY_NAME);
        runner.setProperty(service, StandardBusinessCentralConnectionService.MAX_ATTEMPTS, "4");
        runner.setProperty(service, StandardBusinessCentralConnectionService.REQUEST_TIMEOUT, "10 sec");
        runner.enableControllerService(service);
        return service;
    }

    /**
     * PutBusinessCentralOrder against the stub (customer WEB, items SKU-1 to SKU-3 added to it), with JSON reader and
     * writer, B2C orders booked on WEB, shipping on G/L account 7010, and no sleeping between resends.
     */
    static TestRunner putOrderRunner(final StubBusinessCentral bc) throws InitializationException {
        bc.customer("WEB", "shop@example.com", null);
        for (int i = 1; i <= 3; i++) {
            bc.item("SKU-" + i, null);
        }
        final PutBusinessCentralOrder processor = new PutBusinessCentralOrder();
        processor.setSleeper(d -> { });
        final TestRunner runner = TestRunners.newTestRunner(processor);
        connect(runner, bc, "secret");
        jsonRecords(runner, true);
        runner.setProperty(PutBusinessCentralOrder.CONNECTION_SERVICE, "bc");
        runner.setProperty(PutBusinessCentralOrder.RECORD_READER, "reader");
        runner.setProperty(PutBusinessCentralOrder.RECORD_WRITER, "writer");
        runner.setProperty(PutBusinessCentralOrder.B2C_DEFAULT_CUSTOMER, "WEB");
        runner.setProperty(PutBusinessCentralOrder.SHIPPING_LINE_NUMBER, "7010");
        return runner;
    }

    static void jsonRecords(final TestRunner runner, final boolean reader) throws InitializationException {
        if (reader) {
            final JsonTreeReader jsonReader = new JsonTreeReader();
            runner.addControllerService("reader", jsonReader);
            runner.enableControllerService(jsonReader);
        }
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
    }

    static String json(final List<Order> orders) {
        try {
            return MAPPER.writeValueAsString(orders);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
