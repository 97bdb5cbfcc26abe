package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.seed.Order;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Sends Shopify webhooks to a receiver: the REST-style body, {@code X-Shopify-Hmac-Sha256} (base64
 * HMAC-SHA256 of the raw body with the app secret), topic, shop domain, API version, webhook id and
 * event id. {@code copies > 1} sends the same delivery again (same ids and body), as Shopify's
 * at-least-once delivery does.
 */
public final class WebhookSender {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final String secret;
    private final Shop shop;
    private final String apiVersion;
    private final SandboxStats stats;

    public WebhookSender(final URI target, final String secret, final Shop shop, final String apiVersion, final SandboxStats stats) {
        this.target = target;
        this.secret = secret;
        this.shop = shop;
        this.apiVersion = apiVersion;
        this.stats = stats;
    }

    /** Base64 HMAC-SHA256 of the body with the secret: what a receiver must recompute and compare. */
    public static String hmac(final byte[] body, final String secret) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts orders/create for the order {@code copies} times; returns the receiver's status codes. */
    public List<Integer> orderCreated(final Order order, final int copies) throws IOException, InterruptedException {
        final byte[] body = MAPPER.writeValueAsBytes(OrderWebhookPayload.of(order, shop));
        final String webhookId = UUID.randomUUID().toString();
        final String eventId = UUID.nameUUIDFromBytes(("orders/create:" + order.id()).getBytes(StandardCharsets.UTF_8)).toString();
        final List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < Math.max(1, copies); i++) {
            final HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Hmac-Sha256", hmac(body, secret))
                    .header("X-Shopify-Shop-Domain", shop.domain())
                    .header("X-Shopify-API-Version", apiVersion)
                    .header("X-Shopify-Webhook-Id", webhookId)
                    .header("X-Shopify-Event-Id", eventId)
                    .header("X-Shopify-Triggered-At", java.time.Instant.now().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            statuses.add(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            stats.increment("shopify.webhooks.sent");
        }
        return statuses;
    }
}
