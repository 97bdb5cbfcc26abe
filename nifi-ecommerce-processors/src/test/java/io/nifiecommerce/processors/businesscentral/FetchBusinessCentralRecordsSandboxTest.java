package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.sandbox.seed.Variant;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FetchBusinessCentralRecords against the BC simulator: a cart's price and availability, a customer's open invoices, the cache. */
class FetchBusinessCentralRecordsSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Sandbox sandbox;
    private TestRunner runner;

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
        final BusinessCentralSimulator bc = sandbox.businessCentral();
        final String baseUrl = "http://127.0.0.1:" + sandbox.port();
        runner = TestRunners.newTestRunner(FetchBusinessCentralRecords.class);
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        runner.addControllerService("bc", service);
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, bc.config().tenantId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.ENVIRONMENT, bc.config().environment());
        runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, baseUrl);
        runner.setProperty(service, StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, baseUrl + "/login");
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, bc.config().clientId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, bc.config().clientSecret());
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, sandbox.bcCompanyName());
        runner.enableControllerService(service);
        runner.setProperty(FetchBusinessCentralRecords.CONNECTION_SERVICE, "bc");
    }

    private void cartQuestion() {
        runner.setProperty(FetchBusinessCentralRecords.ENTITY_SET, "items");
        runner.setProperty(FetchBusinessCentralRecords.KEY_FIELD, "number");
        runner.setProperty(FetchBusinessCentralRecords.KEY_VALUES, "${http.query.param.skus}");
        runner.setProperty(FetchBusinessCentralRecords.SELECT, "number,displayName,unitPrice,inventory");
    }

    @Test
    void answersACartsPriceAndAvailabilityThenFromTheCache() throws Exception {
        cartQuestion();
        final List<Variant> variants = sandbox.seed().variants().subList(0, 2);
        final String skus = variants.get(0).sku() + "," + variants.get(1).sku() + ",NOT-A-SKU";
        runner.enqueue("", Map.of("http.query.param.skus", skus));
        runner.enqueue("", Map.of("http.query.param.skus", skus));
        runner.run(2);

        runner.assertAllFlowFilesTransferred(FetchBusinessCentralRecords.REL_SUCCESS, 2);
        final List<MockFlowFile> answers = runner.getFlowFilesForRelationship(FetchBusinessCentralRecords.REL_SUCCESS);
        answers.get(0).assertAttributeEquals("bc.cache.hit", "false");
        answers.get(1).assertAttributeEquals("bc.cache.hit", "true");
        answers.get(0).assertAttributeEquals("bc.record.count", "2");
        answers.get(0).assertAttributeEquals("mime.type", "application/json");
        final JsonNode items = MAPPER.readTree(answers.get(0).getContent());
        final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
        for (final JsonNode item : items) {
            final JsonNode stored = company.items().stream().filter(i -> i.path("number").asText().equals(item.path("number").asText()))
                    .findFirst().orElseThrow();
            assertEquals(stored.path("unitPrice").decimalValue().compareTo(item.path("unitPrice").decimalValue()), 0);
            assertTrue(item.has("inventory"));
            assertTrue(item.fieldNames().next().charAt(0) != '@', "no OData control fields: " + item);
        }
        assertEquals(answers.get(0).getContent(), answers.get(1).getContent());
    }

    @Test
    void aKeyCannotChangeTheFilter() {
        cartQuestion();
        runner.enqueue("", Map.of("http.query.param.skus", "X' or number ne 'X"));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchBusinessCentralRecords.REL_UNMATCHED, 1);
        runner.getFlowFilesForRelationship(FetchBusinessCentralRecords.REL_UNMATCHED).getFirst().assertContentEquals("[]");
    }

    @Test
    void aRequestWithoutItsKeyIsRefusedNotWidened() {
        cartQuestion();
        runner.enqueue("");
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchBusinessCentralRecords.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(FetchBusinessCentralRecords.REL_FAILURE).getFirst().assertAttributeEquals("error.code", "INVALID_QUERY");
    }

    @Test
    void answersACustomersOpenInvoices() throws Exception {
        final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
        final String customer = company.customers().getFirst().path("number").asText();
        final String sku = company.items().getFirst().path("number").asText();
        final ObjectNode order = MAPPER.createObjectNode().put("customerNumber", customer).put("externalDocumentNumber", "WEB-OPEN-1");
        order.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", sku).put("quantity", 1);
        final String number = company.createSalesOrder(order).path("number").asText();
        company.shipAndInvoice(number);

        runner.setProperty(FetchBusinessCentralRecords.ENTITY_SET, "salesInvoices");
        runner.setProperty(FetchBusinessCentralRecords.KEY_FIELD, "customerNumber");
        runner.setProperty(FetchBusinessCentralRecords.KEY_VALUES, "${http.query.param.customer}");
        runner.setProperty(FetchBusinessCentralRecords.FILTER, "status eq 'Open'");
        runner.setProperty(FetchBusinessCentralRecords.SELECT, "number,invoiceDate,dueDate,customerNumber,totalAmountIncludingTax,remainingAmount,status");
        runner.enqueue("", Map.of("http.query.param.customer", customer));
        runner.run();

        runner.assertAllFlowFilesTransferred(FetchBusinessCentralRecords.REL_SUCCESS, 1);
        final JsonNode invoices = MAPPER.readTree(runner.getFlowFilesForRelationship(FetchBusinessCentralRecords.REL_SUCCESS).getFirst().getContent());
        assertTrue(invoices.size() >= 1);
        for (final JsonNode invoice : invoices) {
            assertEquals(customer, invoice.path("customerNumber").asText());
            assertEquals("Open", invoice.path("status").asText());
        }
        assertTrue(invoices.findValues("totalAmountIncludingTax").stream().allMatch(v -> v.decimalValue().compareTo(BigDecimal.ZERO) > 0));
    }

    @Test
    void aFieldBcDoesNotHaveIsAFailureWithBcsCode() {
        runner.setProperty(FetchBusinessCentralRecords.ENTITY_SET, "items");
        runner.setProperty(FetchBusinessCentralRecords.KEY_FIELD, "notAField");
        runner.setProperty(FetchBusinessCentralRecords.KEY_VALUES, "A");
        runner.enqueue("");
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchBusinessCentralRecords.REL_FAILURE, 1);
        assertTrue(runner.getFlowFilesForRelationship(FetchBusinessCentralRecords.REL_FAILURE).getFirst().getAttribute("error.code").startsWith("BadRequest"));
    }
}
