package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bc-extension's shopCustomers: the customers with their price group and default ship-to address, read-only, as the AL page says. */
class BcShopCustomersTest {

    private static final Path EXTENSION = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference")).getParent()
            .resolve("bc-extension").resolve("src");

    private HttpServer server;
    private BcCompany company;
    private BcTestClient api;
    private BcTestClient catalog;

    @BeforeEach
    void start() throws IOException {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 7L, stats), stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();
        company = simulator.createCompany("CRONUS FR");
        final String token = simulator.issueToken();
        api = new BcTestClient(simulator.apiUrl(base), token);
        catalog = new BcTestClient(simulator.customApiUrl(base, BcShopCustomers.PAGE), token);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void thePageIsTheExtensionsSourceReadOnlyAndKeepsApiV2Names() throws IOException {
        assertEquals(Files.readString(EXTENSION.resolve(BcShopCustomers.SOURCE_FILE)), BcPages.resource("custom/" + BcShopCustomers.SOURCE_FILE),
                "the sandbox serves the page the repository ships");
        final AlPage page = BcShopCustomers.SOURCE;
        assertEquals("nifiEcommerce/catalog/v1.0", BcShopCustomers.PAGE.route());
        assertEquals("shopCustomers", page.entitySetName());
        assertFalse(page.insertAllowed() || page.modifyAllowed() || page.deleteAllowed());
        assertTrue(page.fields().stream().noneMatch(AlPage.Field::editable));
        // the fields it shares with API v2.0 customers read the same table fields, so records and filters stay interchangeable
        final AlPage customers = BcPages.of("customers");
        for (final AlPage.Field field : page.fields()) {
            customers.field(field.name()).filter(standard -> !field.name().equals("taxRegistrationNumber"))
                    .ifPresent(standard -> assertEquals(standard.source(), field.source(), field.name()));
        }
        assertTrue(customers.field("customerPriceGroup").isEmpty(), "API v2.0 customers have no price group");
    }

    @Test
    void customersAreServedWithTheirPriceGroupAndDefaultShipTo() throws Exception {
        company.putCustomer("C10000", "Adatum Corporation", "buyer@adatum.example", "FR12345678901");
        company.putCustomer("C20000", "Trey Research", "buyer@trey.example", null);
        final String before = api.get(companyPath("customers?$filter=number%20eq%20'C10000'")).json().path("value").get(0)
                .path("lastModifiedDateTime").asText();
        Thread.sleep(5);
        company.putCustomerCard("C10000", Map.of("customerPriceGroup", "HORECA", "shipToCode", "LYON", "shipToName", "Adatum Lyon",
                "shipToAddressLine1", "4 place Bellecour", "shipToCity", "Lyon", "shipToPostCode", "69002", "shipToCountry", "FR"));

        final JsonNode rows = catalog.get(companyPath("shopCustomers?$filter=customerPriceGroup%20eq%20'HORECA'")).json().path("value");
        assertEquals(1, rows.size());
        final JsonNode adatum = rows.get(0);
        assertEquals(List.of("C10000", "Adatum Corporation", "FR12345678901", "HORECA", "Adatum Lyon", "69002", "FR"),
                List.of(adatum.path("number").asText(), adatum.path("displayName").asText(), adatum.path("taxRegistrationNumber").asText(),
                        adatum.path("customerPriceGroup").asText(), adatum.path("shipToName").asText(), adatum.path("shipToPostCode").asText(),
                        adatum.path("shipToCountry").asText()));
        assertNotEquals(before, adatum.path("lastModifiedDateTime").asText(), "a change of the customer card modifies the customer");
        final JsonNode trey = catalog.get(companyPath("shopCustomers?$filter=number%20eq%20'C20000'")).json().path("value").get(0);
        assertEquals("", trey.path("customerPriceGroup").asText());
        assertEquals("", trey.path("shipToCity").asText());

        // no default ship-to code: the page reads no Ship-to Address
        company.putCustomerCard("C10000", Map.of("shipToCode", ""));
        final JsonNode cleared = catalog.get(companyPath("shopCustomers(" + adatum.path("id").asText() + ")")).json();
        assertEquals(List.of("HORECA", "", ""), List.of(cleared.path("customerPriceGroup").asText(), cleared.path("shipToName").asText(),
                cleared.path("shipToCity").asText()));
    }

    @Test
    void thePageIsReadOnlyAndTheCardTakesOnlyItsFields() throws Exception {
        final JsonNode customer = company.putCustomer("C10000", "Adatum Corporation", "buyer@adatum.example", null);
        final BcTestClient.Reply patch = catalog.send("PATCH", companyPath("shopCustomers(" + customer.path("id").asText() + ")"),
                BcTestClient.MAPPER.readTree("{\"customerPriceGroup\":\"HORECA\"}"), Map.of("If-Match", "*"));
        assertEquals(405, patch.status());
        assertEquals(405, catalog.post(companyPath("shopCustomers"), BcTestClient.MAPPER.readTree("{\"number\":\"C3\"}")).status());
        assertThrows(BcApiError.class, () -> company.putCustomerCard("C10000", Map.of("displayName", "Renamed")));
        assertThrows(BcApiError.class, () -> company.putCustomerCard("NOBODY", Map.of("customerPriceGroup", "HORECA")));
    }

    private String companyPath(final String rest) {
        return "companies(" + company.id() + ")/" + rest;
    }
}
