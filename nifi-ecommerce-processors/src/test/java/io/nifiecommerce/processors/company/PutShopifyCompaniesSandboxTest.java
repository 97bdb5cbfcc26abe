package io.nifiecommerce.processors.company;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.processors.stock.SandboxShopifyConnection;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.company.ExistingCompany;
import io.nifiecommerce.company.ShopifyCompanyApi;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PutShopifyCompanies over customer records shaped as BC API v2.0 customers (GetBusinessCentralRecords' output), against the sandbox. */
class PutShopifyCompaniesSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NET_30_TERMS_ID = "6f2c8a4e-0d1b-4f3a-9c55-1a2b3c4d5e6f";
    private static Sandbox sandbox;
    private TestRunner runner;
    private SandboxShopifyConnection connection;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(2));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void runner() throws Exception {
        sandbox.reset();
        connection = new SandboxShopifyConnection(sandbox);
        runner = TestRunners.newTestRunner(PutShopifyCompanies.class);
        runner.addControllerService("shopify", connection);
        runner.enableControllerService(connection);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(CompanyProperties.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(CompanyProperties.RECORD_READER, "reader");
        runner.setProperty(CompanyProperties.RECORD_WRITER, "writer");
        runner.setProperty("payment-terms." + NET_30_TERMS_ID, "Net 30");
    }

    static Map<String, Object> customer(final String number, final String name, final String city, final String country) {
        final Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "0b5c" + number.hashCode());
        customer.put("number", number);
        customer.put("displayName", name);
        customer.put("type", "Company");
        customer.put("addressLine1", "4 place Bellecour");
        customer.put("addressLine2", "");
        customer.put("city", city);
        customer.put("state", "");
        customer.put("country", country);
        customer.put("postalCode", "69002");
        customer.put("phoneNumber", "+33 4 72 00 00 00");
        customer.put("email", "compta@" + number.toLowerCase() + ".example");
        customer.put("taxRegistrationNumber", "FR83404833048");
        customer.put("paymentTermsId", NET_30_TERMS_ID);
        customer.put("blocked", " ");
        customer.put("lastModifiedDateTime", "2026-12-01T10:00:00Z");
        return customer;
    }

    @Test
    void createsCompaniesThenSendsOnlyChangedCustomers() throws Exception {
        final List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            customers.add(customer("CUST-10" + i, "Client " + i + " SARL", "Lyon", "FR"));
        }
        runner.enqueue(MAPPER.writeValueAsBytes(customers));
        runner.run();

        runner.assertAllFlowFilesTransferred(PutShopifyCompanies.REL_SUCCESS, 1);
        final MockFlowFile first = runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_SUCCESS).getFirst();
        first.assertAttributeEquals("company.created", "5");
        first.assertAttributeEquals("record.count", "5");
        final JsonNode written = MAPPER.readTree(first.getContent());
        assertEquals("created", written.get(0).path("company_outcome").asText());
        assertTrue(written.get(0).path("shopify_company_id").asText().startsWith("gid://shopify/Company/"));
        final ExistingCompany company = new ShopifyCompanyApi(connection.client).companiesByExternalId(List.of("CUST-101")).get("CUST-101");
        assertEquals("gid://shopify/PaymentTermsTemplate/5", company.location().paymentTermsTemplateId());
        assertEquals("FR83404833048", company.location().taxRegistrationId());
        assertFalse(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty());

        // the next night: one customer moved
        runner.clearTransferState();
        customers.set(2, customer("CUST-103", "Client 3 SARL", "Villeurbanne", "FR"));
        runner.enqueue(MAPPER.writeValueAsBytes(customers));
        runner.run();
        final MockFlowFile second = runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_SUCCESS).getFirst();
        second.assertAttributeEquals("company.updated", "1");
        second.assertAttributeEquals("company.unchanged", "4");
        // one look-up, the payment terms templates (read once per run when a changed customer has terms) and one update
        second.assertAttributeEquals("company.requests", "3");
    }

    @Test
    void customersThatCannotBeCompaniesGoToFailureWithTheReasonAndBlockedOnesAreSkipped() throws Exception {
        final Map<String, Object> blocked = customer("CUST-201", "Bloqué SA", "Lyon", "FR");
        blocked.put("blocked", "All");
        final Map<String, Object> oddCountry = customer("CUST-202", "Export Ltd", "Leeds", "UK-GB");
        final Map<String, Object> fine = customer("CUST-203", "Bon Client", "Lyon", "FR");
        runner.enqueue(MAPPER.writeValueAsBytes(List.of(blocked, oddCountry, fine)));
        runner.run();

        final MockFlowFile failed = runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("error.code", "INVALID_COUNTRY");
        assertEquals("CUST-202", MAPPER.readTree(failed.getContent()).get(0).path("number").asText());
        final JsonNode succeeded = MAPPER.readTree(runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_SUCCESS).getFirst().getContent());
        assertEquals(List.of("skipped", "created"), List.of(succeeded.get(0).path("company_outcome").asText(), succeeded.get(1).path("company_outcome").asText()));
        assertFalse(sandbox.shopify().shop().companyExternalIds().contains("CUST-201"));
    }

    @Test
    void aCatalogFieldPutsEachLocationInItsCatalog() throws Exception {
        final String catalog = sandbox.shopify().shop().addCompanyLocationCatalog("Tarif revendeurs");
        runner.setProperty(CompanyProperties.CATALOG_FIELD, "customerPriceGroup");
        runner.setProperty("catalog.REVENDEUR", "Tarif revendeurs");
        final Map<String, Object> customer = customer("CUST-301", "Revendeur SARL", "Lyon", "FR");
        customer.put("customerPriceGroup", "REVENDEUR");
        runner.enqueue(MAPPER.writeValueAsBytes(List.of(customer)));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyCompanies.REL_SUCCESS, 1);
        assertEquals(List.of(catalog), new ShopifyCompanyApi(connection.client).companiesByExternalId(List.of("CUST-301")).get("CUST-301")
                .location().catalogIds());

        // an unmapped group is a title, after the prefix PublishShopifyPriceLists puts before each BC price group
        final String grossistes = sandbox.shopify().shop().addCompanyLocationCatalog("BC GROSSISTE");
        runner.setProperty(CompanyProperties.CATALOG_TITLE_PREFIX, "BC ");
        final Map<String, Object> wholesaler = customer("CUST-302", "Grossiste SA", "Lyon", "FR");
        wholesaler.put("customerPriceGroup", "GROSSISTE");
        runner.clearTransferState();
        runner.enqueue(MAPPER.writeValueAsBytes(List.of(wholesaler)));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyCompanies.REL_SUCCESS, 1);
        assertEquals(List.of(grossistes), new ShopifyCompanyApi(connection.client).companiesByExternalId(List.of("CUST-302")).get("CUST-302")
                .location().catalogIds());
    }

    /**
     * The nightly run of several hundred B2B customers in one FlowFile over a flaky network: every attempt must keep what it
     * applied, so the batch settles within a few attempts, each company created once.
     */
    @Test
    @Timeout(300)
    void aLargeBatchConvergesUnderFaultsWithEachCompanyCreatedOnce() throws Exception {
        final String catalog = sandbox.shopify().shop().addCompanyLocationCatalog("Tarif revendeurs");
        runner.setProperty(CompanyProperties.CATALOG_FIELD, "customerPriceGroup");
        runner.setProperty("catalog.REVENDEUR", "Tarif revendeurs");
        final int accounts = 300;
        final List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            final Map<String, Object> customer = customer("CUST-9" + i, "Client " + i + " SARL", "Lyon", "FR");
            if (i % 2 == 0) {
                customer.put("customerPriceGroup", "REVENDEUR");
            }
            customers.add(customer);
        }
        // 10% of the requests fail: server errors, throttling, truncated bodies, lost acknowledgements (timeouts and
        // resets are left out for the reason given in PutShopifyFulfillmentSandboxTest)
        sandbox.faults().plan(new FaultPlan(0.1, true, true, false, false, true, Duration.ZERO, Duration.ofMillis(200), true));
        runner.enqueue(MAPPER.writeValueAsBytes(customers));

        final Map<String, String> outcomes = new HashMap<>();
        int round = 0;
        for (; round < 8 && runner.getQueueSize().getObjectCount() > 0; round++) {
            runner.run();
            for (final MockFlowFile success : runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_SUCCESS)) {
                MAPPER.readTree(success.getContent()).forEach(r -> outcomes.merge(r.path("number").asText(), r.path("company_outcome").asText(),
                        (a, b) -> a + "," + b));
            }
            assertTrue(runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_FAILURE).isEmpty(),
                    () -> runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_FAILURE).getFirst().getContent());
            final List<MockFlowFile> retries = runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_RETRY);
            runner.clearTransferState();
            retries.forEach(retry -> runner.enqueue(retry.toByteArray(), retry.getAttributes()));
        }
        sandbox.faults().plan(FaultPlan.NONE);
        assertTrue(sandbox.stats().snapshot().entrySet().stream().anyMatch(e -> e.getKey().startsWith("faults.") && e.getValue() > 0));

        assertEquals(accounts, outcomes.size(), "every customer settled within " + round + " attempts: " + outcomes.size());
        outcomes.values().forEach(outcome -> assertTrue(Set.of("created", "updated", "unchanged").contains(outcome), outcome));
        final List<String> externalIds = sandbox.shopify().shop().companyExternalIds().stream().filter(id -> id.startsWith("CUST-9")).toList();
        assertEquals(accounts, new HashSet<>(externalIds).size(), "one company per customer");
        assertEquals(accounts, externalIds.size(), () -> "no company created twice: " + externalIds.stream()
                .filter(id -> externalIds.indexOf(id) != externalIds.lastIndexOf(id)).toList());
        final Map<String, ExistingCompany> companies = new ShopifyCompanyApi(connection.client)
                .companiesByExternalId(List.of("CUST-90", "CUST-91", "CUST-9" + (accounts - 2)));
        assertEquals(List.of(catalog), companies.get("CUST-90").location().catalogIds());
        assertEquals(List.of(), companies.get("CUST-91").location().catalogIds());
        assertEquals(List.of(catalog), companies.get("CUST-9" + (accounts - 2)).location().catalogIds());
    }

    /** The nightly path: GetBusinessCentralRecords reads the B2B customers of the BC simulator, PutShopifyCompanies sends them. */
    @Test
    void customersReadFromBusinessCentralBecomeCompanies() throws Exception {
        final io.nifiecommerce.sandbox.bc.BusinessCentralSimulator bc = sandbox.businessCentral();
        final String baseUrl = "http://127.0.0.1:" + sandbox.port();
        final TestRunner read = TestRunners.newTestRunner(io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords.class);
        final io.nifiecommerce.processors.businesscentral.StandardBusinessCentralConnectionService service =
                new io.nifiecommerce.processors.businesscentral.StandardBusinessCentralConnectionService();
        read.addControllerService("bc", service);
        read.setProperty(service, "Tenant ID", bc.config().tenantId());
        read.setProperty(service, "Environment", bc.config().environment());
        read.setProperty(service, "API URL Override", baseUrl);
        read.setProperty(service, "Login URL Override", baseUrl + "/login");
        read.setProperty(service, "Client ID", bc.config().clientId());
        read.setProperty(service, "Client Secret", bc.config().clientSecret());
        read.setProperty(service, "Company", sandbox.bcCompanyName());
        read.enableControllerService(service);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        read.addControllerService("writer", writer);
        read.enableControllerService(writer);
        read.setProperty("Business Central Connection", "bc");
        read.setProperty("Record Writer", "writer");
        read.setProperty("Entity Set", "customers");
        read.setProperty("Read Mode", "FULL");
        // every company customer but the marketplaces', which buy nothing on the B2B site: integrators narrow the filter
        // the same way for their own marketplaces and intercompany customers (docs/b2b-companies.md)
        read.setProperty("Filter", "type eq 'Company' and blocked ne 'All' and number ne '"
                + io.nifiecommerce.sandbox.mirakl.MiraklSeeding.BC_PARTY + "' and number ne '"
                + io.nifiecommerce.sandbox.amazon.AmazonSeeding.BC_CUSTOMER + "'");
        read.run();
        final MockFlowFile customers = read.getFlowFilesForRelationship("success").getFirst();
        final int b2b = sandbox.seed().companies().size();
        customers.assertAttributeEquals("record.count", Integer.toString(b2b));

        runner.enqueue(customers.getContent());
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyCompanies.REL_SUCCESS, 1);
        final JsonNode written = MAPPER.readTree(runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_SUCCESS).getFirst().getContent());
        assertEquals(b2b, written.size());
        final String first = sandbox.seed().companies().getFirst().externalId();
        final ExistingCompany company = new ShopifyCompanyApi(connection.client).companiesByExternalId(List.of(first)).get(first);
        assertEquals(first, company.location().externalId());
        assertEquals(sandbox.seed().companies().getFirst().vatNumber(), company.location().taxRegistrationId());
        assertEquals(sandbox.seed().companies().getFirst().locations().getFirst().billingAddress().city(), company.location().billing().city());
        // every seeded company already existed: updated, none created twice
        assertTrue(written.findValues("company_outcome").stream().noneMatch(o -> o.asText().equals("created")), written.toString());
    }

    @Test
    void unreadableInputGoesToFailure() {
        runner.enqueue("not json");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyCompanies.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PutShopifyCompanies.REL_FAILURE).getFirst().assertAttributeEquals("error.code", "MALFORMED_INPUT");
    }
}
