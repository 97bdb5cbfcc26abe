package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.shopify.GraphQlResponse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a picture's bytes to Shopify the way Shopify takes files it cannot download itself: {@code stagedUploadsCreate}
 * (resource IMAGE, PUT) gives a signed storage URL and a resource URL; the bytes are PUT to the first with the signed
 * Content-Type; the second is then the {@code originalSource} of the product's file in {@code productSet}. This is how
 * Business Central's item pictures, which only an authenticated BC client can read, reach a product.
 * <p>
 * Staging is safe to repeat (an unused target expires), so the mutation goes as idempotent; the PUT goes through the
 * bundle's transport and its retries.
 */
public final class StagedPictureUpload {

    private final CatalogCalls calls;
    private final HttpTransport transport;
    private final Duration timeout;

    public StagedPictureUpload(final CatalogCalls calls, final HttpTransport transport, final Duration timeout) {
        this.calls = calls;
        this.transport = transport;
        this.timeout = timeout;
    }

    /**
     * @return the resourceUrl to give productSet as a file's originalSource
     * @throws ApiException TRANSIENT when Shopify or its storage cannot be reached; PERMANENT with Shopify's userErrors
     *                      ({@code STAGED_UPLOAD_REFUSED}) or the storage's refusal ({@code UPLOAD_REFUSED}, e.g. too large)
     */
    public String upload(final String filename, final String mimeType, final byte[] bytes) {
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("resource", "IMAGE");
        input.put("filename", filename);
        input.put("mimeType", mimeType);
        input.put("httpMethod", "PUT");
        input.put("fileSize", Integer.toString(bytes.length));
        final GraphQlResponse response = calls.idempotent(CatalogDocuments.STAGED_UPLOADS_CREATE, Map.of("input", List.of(input)));
        final JsonNode errors = response.at("stagedUploadsCreate.userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            final List<String> messages = new ArrayList<>();
            errors.forEach(error -> messages.add(error.path("message").asText()));
            throw new ApiException(ErrorClass.PERMANENT, 200, "STAGED_UPLOAD_REFUSED", String.join("; ", messages));
        }
        final JsonNode target = response.at("stagedUploadsCreate.stagedTargets").path(0);
        final String url = target.path("url").asText(null);
        final String resourceUrl = target.path("resourceUrl").asText(null);
        if (url == null || resourceUrl == null) {
            throw new ApiException(ErrorClass.PERMANENT, 200, ApiException.UNREADABLE, "stagedUploadsCreate answered no target");
        }
        final HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (final JsonNode parameter : target.path("parameters")) {
            // a PUT target's parameters are headers of the signed request: content_type and acl
            switch (parameter.path("name").asText()) {
                case "content_type" -> put.header("Content-Type", parameter.path("value").asText());
                case "acl" -> put.header("x-goog-acl", parameter.path("value").asText());
                default -> { }
            }
        }
        final HttpResponse<byte[]> stored = transport.send(put.build());
        if (stored.statusCode() / 100 != 2) {
            throw new ApiException(ErrorClass.PERMANENT, stored.statusCode(), "UPLOAD_REFUSED",
                    "Shopify's storage refused the picture " + filename + " (HTTP " + stored.statusCode() + ")");
        }
        return resourceUrl;
    }
}
