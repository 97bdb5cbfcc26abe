package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.fuzz.JsonMutator;
import io.nifiecommerce.fuzz.SampleMutator;
import io.nifiecommerce.shopify.webhook.WebhookSignature;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks as they reach the processor: correctly signed bodies (so that the order mapping is reached) that are damaged,
 * of the wrong shape or absurd, and bodies under random or damaged signatures. Whatever arrives, the run does not
 * throw, each FlowFile leaves by exactly one of success, duplicate or failure, and each failure says why without the
 * secret.
 */
class ReceiveShopifyOrderWebhookFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "whsec-fuzz-5f0c2a9e71d84b36";
    private static final byte[] SAMPLE = ReceiveShopifyOrderWebhookTest.ORDER.getBytes(StandardCharsets.UTF_8);
    private static final JsonNode SAMPLE_TREE = tree();
    private static final WebhookSignature SIGNATURE = new WebhookSignature(SECRET);

    private static JsonNode tree() {
        try {
            return MAPPER.readTree(SAMPLE);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(final byte[] body) {
        try {
            return SIGNATURE.signBase64(new ByteArrayInputStream(body));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> headers(final String hmac, final String eventId) {
        final Map<String, String> attributes = new HashMap<>();
        if (hmac != null) {
            attributes.put("http.headers.X-Shopify-Hmac-Sha256", hmac);
        }
        if (eventId != null) {
            attributes.put("http.headers.X-Shopify-Event-Id", eventId);
        }
        attributes.put("http.headers.X-Shopify-Topic", "orders/create");
        attributes.put("http.headers.X-Shopify-Shop-Domain", "maison-test.myshopify.com");
        return attributes;
    }

    /** Runs the bodies through one processor and checks that every FlowFile is accounted for, failures with their reason. */
    private static void assertRouted(final List<byte[]> bodies, final List<Map<String, String>> attributes) throws InitializationException {
        final TestRunner runner = ReceiveShopifyOrderWebhookTest.runner(SECRET);
        for (int i = 0; i < bodies.size(); i++) {
            runner.enqueue(bodies.get(i), attributes.get(i));
        }
        // a value the processor takes minutes over would stall a NiFi thread: fail instead of waiting
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> runner.run());

        final List<MockFlowFile> success = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_SUCCESS);
        final List<MockFlowFile> duplicate = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_DUPLICATE);
        final List<MockFlowFile> failure = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_FAILURE);
        assertEquals(bodies.size(), success.size() + duplicate.size() + failure.size(), "every webhook leaves exactly once");
        assertEquals(0, runner.getQueueSize().getObjectCount());
        for (final MockFlowFile failed : failure) {
            final String code = failed.getAttribute("error.code");
            final String message = failed.getAttribute("error.message");
            assertTrue(code != null && !code.isBlank(), "error.code");
            assertTrue(message != null && !message.isBlank() && !message.endsWith("null"), () -> code + ": " + message);
            assertFalse(message.contains(SECRET), "the secret leaked into error.message");
        }
        for (final MockFlowFile accepted : success) {
            accepted.assertAttributeEquals("record.count", "1");
            assertEquals(1, readJson(accepted.getContent()).size());
        }
        assertTrue(runner.getLogger().getWarnMessages().stream().noneMatch(m -> m.getMsg().contains(SECRET)));
    }

    private static JsonNode readJson(final String content) {
        try {
            return MAPPER.readTree(content);
        } catch (final IOException e) {
            throw new AssertionError("success content is not JSON", e);
        }
    }

    /** Signed bodies, a few per run, whose event ids sometimes repeat so that the duplicate path is taken too. */
    private static void assertSignedRouted(final List<byte[]> bodies, final long seed) throws InitializationException {
        final Random random = new Random(seed);
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (final byte[] body : bodies) {
            attributes.add(headers(sign(body), random.nextInt(4) == 0 ? null : "evt-" + random.nextInt(3)));
        }
        assertRouted(bodies, attributes);
    }

    @Property(tries = 150)
    void signedRandomBytesAreRouted(@ForAll @Size(min = 1, max = 4) final List<@Size(max = 300) byte[]> bodies, @ForAll final long seed)
            throws InitializationException {
        assertSignedRouted(bodies, seed);
    }

    @Property(tries = 250)
    void signedDamagedWebhooksAreRouted(@ForAll @IntRange(min = 1, max = 4) final int count, @ForAll final long seed)
            throws InitializationException {
        final List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(i % 2 == 0 ? SampleMutator.mutate(SAMPLE, seed + i) : JsonMutator.mutate(SAMPLE_TREE, seed + i));
        }
        assertSignedRouted(bodies, seed);
    }

    @Property(tries = 150)
    void randomAndDamagedSignaturesAreRefused(@ForAll final long seed, @ForAll @Size(max = 60) final String randomHeader)
            throws InitializationException {
        final Random random = new Random(seed);
        final byte[] body = random.nextBoolean() ? SAMPLE : JsonMutator.mutate(SAMPLE_TREE, seed);
        final String valid = sign(body);
        final String hmac = switch (random.nextInt(4)) {
            case 0 -> randomHeader;
            case 1 -> new String(SampleMutator.mutate(valid.getBytes(StandardCharsets.US_ASCII), seed), StandardCharsets.ISO_8859_1);
            case 2 -> sign(SampleMutator.mutate(body, seed));
            default -> valid.substring(0, random.nextInt(valid.length()));
        };
        assertRouted(List.of(body), List.of(headers(hmac, "evt-" + seed)));
    }
}
