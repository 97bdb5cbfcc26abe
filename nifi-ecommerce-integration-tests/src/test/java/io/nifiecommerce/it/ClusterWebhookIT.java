package io.nifiecommerce.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.flows.FlowTemplates;
import io.nifiecommerce.it.nifi.Eventually;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiCluster;
import io.nifiecommerce.it.nifi.TlsKeystore;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook de-duplication across the nodes of a real two-node cluster: each signed orders/create delivery is POSTed to
 * both nodes' listeners at the same moment (as when Shopify retries a delivery it thinks failed and the client's load
 * balancer picks the other node). The event ids live in ReceiveShopifyOrderWebhook's cluster state (ZooKeeper), so the
 * verifier sends each event on once, cluster-wide, and each order is one BC sales order.
 * <p>
 * Starts its own cluster (2–4 min here), so it runs on demand only:
 * {@code ./mvnw -o -B -pl nifi-ecommerce-integration-tests -am verify -Dit.test=ClusterWebhookIT -Dnifi-ecommerce.cluster=true
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "nifi-ecommerce.cluster", matches = "true", disabledReason = "starts a two-node cluster: on demand")
class ClusterWebhookIT {

    private static final String SECRET = "whsec-cluster-it-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String LISTENER = "Listen for Shopify order webhooks (HTTPS)";
    private static final String VERIFIER = "Verify webhook and map order";
    /** Each node's listener port, from the node's own HTTP port (NIFI_PORT in its environment, see nifi-cluster.sh). */
    private static final int LISTENER_OFFSET = 50;

    @Test
    void aDeliveryPostedToBothNodesAtOnceIsTakenOnce() throws Exception {
        final Path repository = Path.of(System.getProperty("nifi-ecommerce.repository", "..")).toAbsolutePath().normalize();
        final Path work = repository.resolve("nifi-ecommerce-integration-tests/target/cluster-webhook-it");
        final TlsKeystore keystore = TlsKeystore.generate(work.resolve("listener.p12"), "it-" + UUID.randomUUID());
        final HttpClient https = HttpClient.newBuilder().sslContext(keystore.trustingClientContext()).connectTimeout(Duration.ofSeconds(5)).build();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withOrders(8).withSeed(23));
             NiFiCluster cluster = NiFiCluster.start(repository, repository.resolve(".nifi/cluster-webhook-it"), 0, true, List.of())) {
            final NiFiClient nifi = cluster.client();
            final String group = nifi.uploadFlow(listenerOnEachNode(repository, work), "cluster-webhook-it");
            final Map<String, String> values = DemoRun.sandboxConnection(sandbox);
            values.put("shopify.webhook.secret", SECRET);
            values.put("webhook.keystore.file", keystore.file().toString());
            values.put("webhook.keystore.type", TlsKeystore.TYPE);
            values.put("webhook.keystore.password", keystore.password());
            nifi.fillParameters(group, values);
            nifi.enableControllerServices(group);
            nifi.enableProcessors(group);
            nifi.disableProcessor(group, "Fetch B2C orders");
            nifi.disableProcessor(group, "Fetch approved B2B drafts");
            nifi.startProcessGroup(group);

            // the certificate names 127.0.0.1; ListenHTTP listens on every address, so each node is reached there on its port
            final List<URI> listeners = List.of(1, 2).stream()
                    .map(n -> URI.create("https://127.0.0.1:" + (cluster.nodeUri(n).getPort() + LISTENER_OFFSET) + "/shopify/webhooks"))
                    .toList();
            listeners.forEach(l -> Eventually.until("the webhook listener " + l + " to answer", WAIT, () -> answers(https, l)));

            // open B2C orders: a cancelled one is settled as such (nothing created), a B2B one is held for review
            final List<Order> orders = sandbox.shopify().shop().orders().stream().filter(o -> !o.isB2b() && o.cancelledAt() == null)
                    .limit(4).toList();
            assertTrue(orders.size() >= 3, "the sandbox seeded fewer than three B2C orders");
            for (final Order order : orders) {
                final ShopifyWebhookIT.Delivery delivery = ShopifyWebhookIT.Delivery.capture(sandbox, order, SECRET);
                final List<CompletableFuture<Integer>> posts = listeners.stream()
                        .map(l -> CompletableFuture.supplyAsync(() -> post(https, l, delivery))).toList();
                posts.forEach(p -> assertEquals(200, p.join()));
            }
            Eventually.until("every delivery to reach a verifier", WAIT, () -> verifier(nifi, group).flowFilesIn() >= 2 * orders.size());
            for (final Order order : orders) {
                try {
                    Eventually.until(order.name() + " in Business Central", WAIT, () -> salesOrders(sandbox, order.name()) >= 1);
                } catch (final IllegalStateException notThere) {
                    throw new AssertionError(order.name() + " not in Business Central: " + whereTheOrdersAre(sandbox, nifi, group), notThere);
                }
            }
            // duplicates are auto-terminated: what the verifiers sent on is one FlowFile per event, the cluster over
            assertEquals(orders.size(), verifier(nifi, group).flowFilesOut(), "an event was taken on both nodes");
            for (final Order order : orders) {
                assertEquals(1, salesOrders(sandbox, order.name()), order.name() + " created twice");
            }
            nifi.stopProcessGroup(group);
        }
    }

    /** The orders definition, its listener's port taken from each node's environment (a parameter has one value cluster-wide). */
    private static Path listenerOnEachNode(final Path repository, final Path work) throws IOException {
        final Path copy = ShopifyWebhookIT.withOwnParameterContext(repository.resolve("flow-templates/" + FlowTemplates.ORDERS + ".json"),
                work.resolve("definition.json"), "Shopify orders to Business Central (ClusterWebhookIT)");
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = (ObjectNode) mapper.readTree(copy.toFile());
        root.path("flowContents").path("processors").forEach(p -> {
            if (LISTENER.equals(p.path("name").asText())) {
                ((ObjectNode) p.path("properties")).put("Listening Port", "${NIFI_PORT:plus(" + LISTENER_OFFSET + ")}");
            }
        });
        mapper.writeValue(copy.toFile(), root);
        return copy;
    }

    /** What BC has and what waits at the review ports, for a failure message. */
    private static String whereTheOrdersAre(final Sandbox sandbox, final NiFiClient nifi, final String group) {
        final StringBuilder where = new StringBuilder("BC sales orders ");
        where.append(sandbox.businessCentral().company(sandbox.bcCompanyName()).salesOrders().stream()
                .map(d -> d.path("externalDocumentNumber").asText("")).toList());
        where.append("; ").append(nifi.status(group));
        for (final String port : List.of("Review: unread orders", "Review: bad webhooks", "Review: BC refusals")) {
            try {
                where.append("; ").append(port).append(' ').append(nifi.queuedAttributes(nifi.connectionTo(group, port)));
            } catch (final RuntimeException e) {
                where.append("; ").append(port).append(" unreadable: ").append(e.getMessage());
            }
        }
        return where.toString();
    }

    private static NiFiClient.ProcessorStatus verifier(final NiFiClient nifi, final String group) {
        return nifi.status(group).processor(VERIFIER).orElseThrow();
    }

    private static long salesOrders(final Sandbox sandbox, final String orderName) {
        return sandbox.businessCentral().company(sandbox.bcCompanyName()).salesOrders().stream()
                .map(d -> d.path("externalDocumentNumber").asText(""))
                .filter(orderName::equals)
                .count();
    }

    private static boolean answers(final HttpClient https, final URI listener) {
        try {
            return https.send(HttpRequest.newBuilder(listener).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int post(final HttpClient https, final URI listener, final ShopifyWebhookIT.Delivery delivery) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(listener).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        try {
            return https.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (final IOException e) {
            throw new IllegalStateException("POST to " + listener + " failed", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
