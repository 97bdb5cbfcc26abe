package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.PublishedQuantities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Picture bytes to Shopify through stagedUploadsCreate and a PUT, then productSet with the staged resource URL, on the simulator. */
class StagedPictureUploadSandboxTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9};
    private static Sandbox sandbox;
    private static ShopifyGraphQlClient client;
    private static HttpTransport transport;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0));
        client = SandboxCatalog.client(sandbox, "2026-04");
        transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theBytesAreStagedThenBecomeTheProductsPicture() {
        final CatalogCalls calls = new CatalogCalls(client);
        final String resourceUrl = new StagedPictureUpload(calls, transport, Duration.ofSeconds(10)).upload("PIC-1.jpg", "image/jpeg", JPEG);
        assertArrayEquals(JPEG, sandbox.shopify().operations().stagedUploads().uploaded(resourceUrl).orElseThrow());

        final CatalogItem item = new CatalogItem("PIC-1", "Pichet", null, null, new BigDecimal("15"), false, null, resourceUrl, List.of(), List.of());
        final ProductPublisher.Report report = new ProductPublisher(calls, new ProductMapping(ProductSettings.defaults()))
                .publish(List.of(item), new PublishedQuantities(), false);
        assertEquals(ProductOutcome.Status.CREATED, report.outcomes().get(0).status(), report.outcomes().toString());
        assertEquals(3, calls.requests(), "staging, look-up, productSet");
    }

    @Test
    void aContentTypeOtherThanTheSignedOneIsRefusedByTheStorage() throws Exception {
        final JsonNode target = client.execute(CatalogDocuments.STAGED_UPLOADS_CREATE, Map.of("input", List.of(Map.of("resource", "IMAGE",
                "filename", "x.png", "mimeType", "image/png")))).at("stagedUploadsCreate.stagedTargets").get(0);
        assertTrue(target.path("url").asText().contains("X-Goog-Signature"), "PUT is the SDL's default httpMethod");
        final int status = transport.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(target.path("url").asText()))
                .header("Content-Type", "image/jpeg").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(JPEG)).build()).statusCode();
        assertEquals(403, status);
        assertTrue(sandbox.shopify().operations().stagedUploads().uploaded(target.path("resourceUrl").asText()).isEmpty());
    }

    @Test
    void aVideoWithoutFileSizeGetsTheDocumentedUserError() {
        final JsonNode payload = client.execute(CatalogDocuments.STAGED_UPLOADS_CREATE, Map.of("input", List.of(Map.of("resource", "VIDEO",
                "filename", "demo.mp4", "mimeType", "video/mp4")))).at("stagedUploadsCreate");
        assertTrue(payload.path("stagedTargets").isNull() || payload.path("stagedTargets").isEmpty());
        assertEquals(List.of("input", "0", "fileSize"), List.of(payload.at("/userErrors/0/field/0").asText(), payload.at("/userErrors/0/field/1").asText(),
                payload.at("/userErrors/0/field/2").asText()));
    }

    @Test
    void anImageOverShopifysLimitFailsPermanently() {
        final ApiException refused = assertThrows(ApiException.class, () -> new StagedPictureUpload(new CatalogCalls(client), transport,
                Duration.ofSeconds(10)).upload("big.jpg", "image/jpeg", new byte[21 * 1024 * 1024]));
        assertEquals("UPLOAD_REFUSED", refused.code());
    }
}
