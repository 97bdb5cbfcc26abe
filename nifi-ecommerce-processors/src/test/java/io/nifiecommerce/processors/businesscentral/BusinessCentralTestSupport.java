package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import com.sun.net.httpserver.HttpServer;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.List;

/** Wires a connection service to the stub and JSON reader/writer services into a test runner. */
public final class BusinessCentralTestSupport {

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
    /**
     * Serves the sandbox's BC simulator on a local port and adds to the runner a connection service
     * ("bc") to its company, with the request timeout and attempts given; the caller stops the server.
     */
    public static HttpServer connectToSimulator(final TestRunner runner, final BusinessCentralSimulator simulator, final String company,
                                         final String requestTimeout, final String maxAttempts) throws IOException, InitializationException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        runner.addControllerService("bc", service);
        final BcSimulatorConfig config = simulator.config();
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, config.tenantId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.ENVIRONMENT, config.environment());
        runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, base);
        runner.setProperty(service, StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, base + BusinessCentralSimulator.LOGIN_PREFIX);
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, config.clientId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, config.clientSecret());
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, company);
        runner.setProperty(service, StandardBusinessCentralConnectionService.REQUEST_TIMEOUT, requestTimeout);
        runner.setProperty(service, StandardBusinessCentralConnectionService.MAX_ATTEMPTS, maxAttempts);
        runner.enableControllerService(service);
        return server;
    }

    /** A PutBusinessCentralOrder on the simulator's company, with the customer WEB, items SKU-1..n and shipping on 7010. */
    static SimulatedPut putOrderOnSimulator(final BusinessCentralSimulator simulator, final String companyName, final int items)
            throws IOException, InitializationException {
        final BcCompany company = simulator.createCompany(companyName);
        company.putCustomer("WEB", "Webshop consumers", "shop@example.com", null);
        for (int i = 1; i <= items; i++) {
            company.putItem("SKU-" + i, "Product " + i, null, new BigDecimal("10.00"), new BigDecimal("100"));
        }
        final PutBusinessCentralOrder processor = new PutBusinessCentralOrder();
        processor.setSleeper(d -> { });
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final HttpServer server = connectToSimulator(runner, simulator, companyName, "5 sec", "3");
        configurePut(runner);
        return new SimulatedPut(runner, server, company);
    }

    /** JSON records in and out, the connection "bc", customer WEB for consumers and shipping on account 7010. */
    private static void configurePut(final TestRunner runner) throws InitializationException {
        jsonRecords(runner, true);
        runner.setProperty(SalesOrderProperties.CONNECTION_SERVICE, "bc");
        runner.setProperty(SalesOrderProperties.RECORD_READER, "reader");
        runner.setProperty(SalesOrderProperties.RECORD_WRITER, "writer");
        runner.setProperty(SalesOrderProperties.B2C_DEFAULT_CUSTOMER, "WEB");
        runner.setProperty(SalesOrderProperties.SHIPPING_LINE_NUMBER, "7010");
    }

    /** A runner on the simulator, the server to stop after, and the company to look into. */
    record SimulatedPut(TestRunner runner, HttpServer server, BcCompany company) {
    }

    static TestRunner putOrderRunner(final StubBusinessCentral bc) throws InitializationException {
        bc.customer("WEB", "shop@example.com", null);
        for (int i = 1; i <= 3; i++) {
            bc.item("SKU-" + i, null);
        }
        final PutBusinessCentralOrder processor = new PutBusinessCentralOrder();
        processor.setSleeper(d -> { });
        final TestRunner runner = TestRunners.newTestRunner(processor);
        connect(runner, bc, "secret");
        configurePut(runner);
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

    static String json(final List<?> orders) {
        try {
            return MAPPER.writeValueAsString(orders);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
