package io.nifiecommerce.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.flows.FlowTemplates;
import io.nifiecommerce.it.nifi.Eventually;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiClient.Parameter;
import io.nifiecommerce.it.nifi.TlsKeystore;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.WebhookSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Shopify flow's real-time branch, switched on as an integrator does, in the real NiFi: Shopify's signed
 * orders/create webhooks are POSTed over HTTPS (the listener's TLS comes from the flow's SSL Context Service and a
 * keystore made here) and become one Business Central sales order each, redeliveries included; a webhook whose
 * signature is wrong waits at the "Review: bad webhooks" port with the reason, and creates nothing.
 * The definition is imported under a parameter context of its own (the NiFi is shared with the other ITs), and its
 * two polling fetchers are switched off: only the webhooks bring orders.
 */
@ExtendWith(RealNiFi.class)
class ShopifyWebhookIT {

    private static final String SECRET = "whsec-it-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static Sandbox sandbox;
    private static NiFiClient nifi;
    private static String group;
    private static HttpClient https;
    private static URI listener;

    @BeforeAll
    static void importAndSwitchOnTheWebhookBranch(final RealNiFi.Setup setup, final NiFiClient client) throws Exception {
        nifi = client;
        sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withOrders(6).withSeed(19));
        final TlsKeystore keystore = TlsKeystore.generate(
                setup.repository().resolve("nifi-ecommerce-integration-tests/target/shopify-webhook-it/listener.p12"), "it-" + UUID.randomUUID());

        final int port = freePort();
        listener = URI.create("https://127.0.0.1:" + port + "/shopify/webhooks");
        https = HttpClient.newBuilder().sslContext(keystore.trustingClientContext()).connectTimeout(Duration.ofSeconds(5)).build();

        final Path work = setup.repository().resolve("nifi-ecommerce-integration-tests/target/shopify-webhook-it");
        group = nifi.uploadFlow(withOwnParameterContext(setup.repository().resolve("flow-templates/" + FlowTemplates.ORDERS + ".json"),
                work.resolve("definition.json"), "Shopify orders to Business Central (ShopifyWebhookIT)"), "shopify-webhook-it");
        final Map<String, String> values = DemoRun.sandboxConnection(sandbox);
        values.put("shopify.webhook.secret", SECRET);
        values.put("webhook.listen.port", Integer.toString(port));
        values.put("webhook.keystore.file", keystore.file().toString());
        values.put("webhook.keystore.type", TlsKeystore.TYPE);
        values.put("webhook.keystore.password", keystore.password());
        final String context = nifi.parameterContextOf(group).orElseThrow();
        final List<Parameter> parameters = new ArrayList<>();
        for (final Parameter declared : nifi.parameterContext(context).parameters()) {
            if (values.containsKey(declared.name())) {
                parameters.add(new Parameter(declared.name(), values.get(declared.name()), declared.sensitive()));
            }
        }
        nifi.setParameters(context, parameters);
        nifi.enableControllerServices(group);
        nifi.enableProcessors(group); // the webhook branch ships disabled
        nifi.disableProcessor(group, "Fetch B2C orders");
        nifi.disableProcessor(group, "Fetch approved B2B drafts");
        nifi.startProcessGroup(group);
        Eventually.until("the webhook listener to answer over HTTPS", WAIT, () -> {
            try {
                return https.send(HttpRequest.newBuilder(listener).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
            } catch (final IOException e) {
                return false;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
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

    @Test
    void aSignedWebhookBecomesOneSalesOrderEvenWhenDeliveredTwice() throws Exception {
        final Order order = b2cOrders().get(0);
        final Delivery delivery = Delivery.capture(sandbox, order, SECRET);

        assertEquals(200, post(delivery.body(), delivery.headers()));
        Eventually.until(order.name() + " in Business Central", WAIT, () -> salesOrders(order.name()) == 1);

        // Shopify delivers at least once: the same delivery again, verified and dropped as a duplicate (auto-terminated,
        // so it adds to what the processor took in, not to what it sent on)
        final NiFiClient.ProcessorStatus before = verify();
        assertEquals(200, post(delivery.body(), delivery.headers()));
        Eventually.until("the redelivery to reach the verifier", WAIT, () -> verify().flowFilesIn() > before.flowFilesIn());
        assertEquals(before.flowFilesOut(), verify().flowFilesOut(), "the redelivery was sent on");
        assertEquals(1, salesOrders(order.name()), "a redelivered webhook created a second sales order");
    }

    @Test
    void aWebhookWithAWrongSignatureWaitsForReviewWithItsReason() throws Exception {
        final Order order = b2cOrders().get(1);
        final Delivery delivery = Delivery.capture(sandbox, order, "not-the-app-secret");

        assertEquals(200, post(delivery.body(), delivery.headers()));

        final String review = nifi.connectionTo(group, "Review: bad webhooks");
        // the only webhook of this test class with a wrong signature
        final Map<String, String> refused = Eventually.get("the refused webhook at the review port", WAIT,
                () -> nifi.queuedAttributes(review).stream().filter(a -> "INVALID_HMAC".equals(a.get("error.code"))).findFirst());
        assertEquals("INVALID_HMAC", refused.get("error.code"));
        assertTrue(refused.get("error.message").contains("does not match X-Shopify-Hmac-Sha256"), refused.get("error.message"));
        assertTrue(refused.values().stream().noneMatch(v -> v.contains(SECRET)), "the secret in an attribute");
        assertEquals(0, salesOrders(order.name()), "a webhook with a wrong signature reached Business Central");
    }

    @Test
    void theListenerServesTheKeystoresCertificate() {
        // a client that does not trust that self-signed certificate cannot even complete the handshake
        final HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> untrusting.send(HttpRequest.newBuilder(listener).GET().build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    /** A copy of the definition whose parameter context has another name: NiFi would otherwise share the one of that name. */
    static Path withOwnParameterContext(final Path definition, final Path copy, final String contextName) throws IOException {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = (ObjectNode) mapper.readTree(definition.toFile());
        final ObjectNode contexts = (ObjectNode) root.path("parameterContexts");
        final ObjectNode context = (ObjectNode) contexts.elements().next();
        contexts.removeAll();
        contexts.set(contextName, context.put("name", contextName));
        ((ObjectNode) root.path("flowContents")).put("parameterContextName", contextName);
        Files.createDirectories(copy.getParent());
        mapper.writeValue(copy.toFile(), root);
        return copy;
    }

    private static List<Order> b2cOrders() {
        final List<Order> orders = sandbox.shopify().shop().orders().stream().filter(o -> !o.isB2b()).toList();
        assertTrue(orders.size() >= 2, "the sandbox seeded fewer than two B2C orders");
        return orders;
    }

    private static long salesOrders(final String orderName) {
        return sandbox.businessCentral().company(sandbox.bcCompanyName()).salesOrders().stream()
                .map(d -> d.path("externalDocumentNumber").asText(""))
                .filter(orderName::equals)
                .count();
    }

    private static NiFiClient.ProcessorStatus verify() {
        return nifi.status(group).processor("Verify webhook and map order").orElseThrow();
    }

    private static int post(final byte[] body, final Map<String, String> headers) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(listener).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return https.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * One webhook delivery exactly as the sandbox's Shopify signs and sends it (body and X-Shopify-* headers), caught on
     * a local plain-HTTP receiver so that the test can replay it over HTTPS to the listener, as often as it likes. The JDK
     * receiver hands the header names back as "X-shopify-hmac-sha256": replayed so, they also show that the flow does
     * not depend on the case a sender gives header names (HTTP says it does not matter; ListenHTTP keeps it).
     */
    record Delivery(byte[] body, Map<String, String> headers) {

        static Delivery capture(final Sandbox sandbox, final Order order, final String secret) throws IOException, InterruptedException {
            final List<Delivery> caught = new ArrayList<>();
            final HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/", exchange -> {
                final Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (name.toLowerCase().startsWith("x-shopify-") || name.equalsIgnoreCase("content-type")) {
                        headers.put(name, values.get(0));
                    }
                });
                synchronized (caught) {
                    caught.add(new Delivery(exchange.getRequestBody().readAllBytes(), headers));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            receiver.start();
            try {
                final WebhookSender sender = sandbox.webhooks(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/"), secret);
                assertEquals(List.of(200), sender.orderCreated(order, 1));
            } finally {
                receiver.stop(0);
            }
            synchronized (caught) {
                assertEquals(1, caught.size());
                final Delivery delivery = caught.get(0);
                assertTrue(delivery.headers().keySet().stream().anyMatch("X-Shopify-Hmac-Sha256"::equalsIgnoreCase), delivery.headers().toString());
                return delivery;
            }
        }
    }

}
