package io.nifiecommerce.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.flows.FlowTemplates;
import io.nifiecommerce.it.nifi.Eventually;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiClient.Parameter;
import io.nifiecommerce.it.nifi.TlsKeystore;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcCompany;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The erp-data-on-demand flow definition in the real NiFi, against the sandbox's Business Central: a client holding
 * the trusted certificate asks over HTTPS for a cart's price and availability and a customer's open invoices and gets
 * BC's records as JSON; an unknown item is a 404, a question without its key a 400, a client without certificate is
 * refused at the handshake.
 */
@ExtendWith(RealNiFi.class)
class ErpOnDemandIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static Sandbox sandbox;
    private static NiFiClient nifi;
    private static String group;
    private static HttpClient site;
    private static TlsKeystore keystore;
    private static String base;

    @BeforeAll
    static void importAndStart(final RealNiFi.Setup setup, final NiFiClient client) throws Exception {
        nifi = client;
        sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withOrders(4).withSeed(23));
        final Path work = setup.repository().resolve("nifi-ecommerce-integration-tests/target/erp-on-demand-it");
        keystore = TlsKeystore.generate(work.resolve("listener.p12"), "it-" + UUID.randomUUID());
        final String truststorePassword = "it-" + UUID.randomUUID();
        final Path truststore = keystore.writeTruststore(work.resolve("trust.p12"), truststorePassword);
        final int port = freePort();
        base = "https://127.0.0.1:" + port + "/erp/";
        // the site's backend presents the certificate the listener trusts (the same one, in this test)
        site = HttpClient.newBuilder().sslContext(keystore.mutualClientContext()).connectTimeout(Duration.ofSeconds(5)).build();

        group = nifi.uploadFlow(ShopifyWebhookIT.withOwnParameterContext(setup.repository().resolve("flow-templates/" + FlowTemplates.ERP_ON_DEMAND + ".json"),
                work.resolve("definition.json"), "ERP data on demand (ErpOnDemandIT)"), "erp-on-demand-it");
        final Map<String, String> values = DemoRun.sandboxConnection(sandbox);
        values.put("erp.listen.port", Integer.toString(port));
        values.put("erp.listener.keystore.file", keystore.file().toString());
        values.put("erp.listener.keystore.type", TlsKeystore.TYPE);
        values.put("erp.listener.keystore.password", keystore.password());
        values.put("erp.listener.truststore.file", truststore.toString());
        values.put("erp.listener.truststore.type", TlsKeystore.TYPE);
        values.put("erp.listener.truststore.password", truststorePassword);
        final String context = nifi.parameterContextOf(group).orElseThrow();
        final List<Parameter> parameters = new ArrayList<>();
        for (final Parameter declared : nifi.parameterContext(context).parameters()) {
            if (values.containsKey(declared.name())) {
                parameters.add(new Parameter(declared.name(), values.get(declared.name()), declared.sensitive()));
            }
        }
        nifi.setParameters(context, parameters);
        nifi.enableControllerServices(group);
        nifi.startProcessGroup(group);
        Eventually.until("the ERP listener to answer over HTTPS", WAIT, () -> {
            try {
                return get("items?skus=WARM-UP").statusCode() > 0;
            } catch (final IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (nifi != null && group != null) {
            nifi.stopProcessGroup(group);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static BcCompany bc() {
        return sandbox.businessCentral().company(sandbox.bcCompanyName());
    }

    @Test
    void aCartsPriceAndAvailabilityComeFromBusinessCentral() throws Exception {
        final List<JsonNode> items = bc().items().subList(0, 2);
        final HttpResponse<String> answer = get("items?skus=" + items.get(0).path("number").asText() + "," + items.get(1).path("number").asText());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), answer.headers().toString());
        final JsonNode records = MAPPER.readTree(answer.body());
        assertEquals(2, records.size(), answer.body());
        for (final JsonNode record : records) {
            final JsonNode stored = items.stream().filter(i -> i.path("number").asText().equals(record.path("number").asText())).findFirst().orElseThrow();
            assertEquals(0, stored.path("unitPrice").decimalValue().compareTo(record.path("unitPrice").decimalValue()), record.toString());
            assertTrue(record.has("inventory"), record.toString());
        }
    }

    @Test
    void aCustomersOpenInvoicesComeFromBusinessCentral() throws Exception {
        final String customer = bc().customers().getFirst().path("number").asText();
        final ObjectNode order = MAPPER.createObjectNode().put("customerNumber", customer).put("externalDocumentNumber", "IT-ERP-1");
        order.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", bc().items().getFirst().path("number").asText())
                .put("quantity", 1);
        bc().shipAndInvoice(bc().createSalesOrder(order).path("number").asText());

        final HttpResponse<String> answer = get("invoices?customer=" + customer);
        assertEquals(200, answer.statusCode(), answer.body());
        final JsonNode invoices = MAPPER.readTree(answer.body());
        assertTrue(invoices.size() >= 1, answer.body());
        invoices.forEach(invoice -> assertEquals("Open", invoice.path("status").asText(), invoice.toString()));
    }

    @Test
    void unknownItemsAre404AndAQuestionWithoutItsKeyIs400() throws Exception {
        assertEquals(404, get("items?skus=NO-SUCH-ITEM").statusCode());
        final HttpResponse<String> refused = get("orders");
        assertEquals(400, refused.statusCode());
        assertEquals("INVALID_QUERY", refused.headers().firstValue("X-Error-Code").orElse(""), refused.headers().toString());
    }

    @Test
    void aClientWithoutTheTrustedCertificateIsRefused() {
        final HttpClient stranger;
        try {
            stranger = HttpClient.newBuilder().sslContext(keystore.trustingClientContext()).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        assertThrows(IOException.class, () -> stranger.send(HttpRequest.newBuilder(URI.create(base + "items?skus=X")).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static HttpResponse<String> get(final String pathAndQuery) throws IOException {
        try {
            return site.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
