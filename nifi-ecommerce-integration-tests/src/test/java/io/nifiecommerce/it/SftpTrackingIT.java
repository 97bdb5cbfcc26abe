package io.nifiecommerce.it;

import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.demo.TrackingNumbers;
import io.nifiecommerce.it.flows.FlowTemplates;
import io.nifiecommerce.it.nifi.Eventually;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.FulfillmentState;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP variant of the tracking flow ({@code flow-templates/tracking-to-shopify-over-sftp.json}) in the real NiFi,
 * against an SFTP server on loopback (Apache MINA SSHD in this JVM, password account, its host key checked through a
 * known_hosts file): a carrier feed left in the server's outbox becomes the order's Shopify fulfillment with its tracking
 * number, and the feed is moved into the archive directory on the server.
 */
@ExtendWith(RealNiFi.class)
class SftpTrackingIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String USER = "carrier";

    @Test
    void aFeedLeftOnTheSftpServerBecomesAFulfillmentAndIsArchivedThere(final RealNiFi.Setup setup, final NiFiClient nifi) throws Exception {
        final Path work = setup.repository().resolve("nifi-ecommerce-integration-tests/target/sftp-tracking-it");
        final Path root = work.resolve("server-" + UUID.randomUUID());
        final Path outbox = Files.createDirectories(root.resolve("outbox/tracking"));
        final String password = "it-" + UUID.randomUUID();
        final SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        final SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(work.resolve("host-key.ser"));
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password.equals(given));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        String group = null;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withOrders(6).withSeed(29))) {
            final KeyPair hostKey = hostKeys.loadKeys(null).iterator().next();
            final Path knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");

            group = nifi.uploadFlow(ShopifyWebhookIT.withOwnParameterContext(
                    setup.repository().resolve("flow-templates/" + FlowTemplates.TRACKING_SFTP + ".json"), work.resolve("definition.json"),
                    "Tracking to Shopify over SFTP (SftpTrackingIT)"), "sftp-tracking-it");
            final Map<String, String> values = DemoRun.sandboxConnection(sandbox);
            values.put("tracking.sftp.host", "127.0.0.1");
            values.put("tracking.sftp.port", Integer.toString(server.getPort()));
            values.put("tracking.sftp.username", USER);
            values.put("tracking.sftp.password", password);
            values.put("tracking.sftp.known.hosts", knownHosts.toString());
            values.put("tracking.sftp.input.directory", "/outbox/tracking");
            values.put("tracking.sftp.archive.directory", "/outbox/tracking-archive");
            nifi.fillParameters(group, values);
            nifi.enableControllerServices(group);
            nifi.disableProcessor(group, "Read BC shipment tracking"); // only the SFTP feeds bring tracking here

            final Order order = sandbox.shopify().shop().orders().stream().filter(o -> !o.isB2b()).findFirst().orElseThrow();
            final String tracking = TrackingNumbers.colissimo(4_200_000L);
            Files.writeString(outbox.resolve("tracking-1.csv"),
                    "order_reference,tracking_number,carrier,status,status_label,event_time,city,postal_code,country\n"
                            + order.name() + "," + tracking + ",Colissimo,PICKED_UP,Pris en charge," + Instant.now() + ",Lyon,69007,FR\n",
                    StandardCharsets.UTF_8);
            nifi.startProcessGroup(group);

            final FulfillmentState fulfillment = Eventually.get(order.name() + " fulfilled with " + tracking, WAIT,
                    () -> sandbox.shopify().shop().fulfillmentsOf(order.id()).stream()
                            .filter(f -> f.tracking().stream().anyMatch(t -> tracking.equals(t.number()))).findFirst());
            assertEquals(1, fulfillment.tracking().size());
            Eventually.until("the feed archived on the server", WAIT, () -> Files.exists(root.resolve("outbox/tracking-archive/tracking-1.csv")));
            assertFalse(Files.exists(outbox.resolve("tracking-1.csv")), "the feed is still in the outbox");
            assertTrue(nifi.bulletins(group).stream().noneMatch(b -> b.message().contains(password)), "the password in a bulletin");
        } finally {
            if (group != null) {
                nifi.stopProcessGroup(group);
            }
            server.stop(true);
        }
    }
}
