package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.CutAnswers;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The seller side of one Mirakl marketplace's REST API ({@code https://<operator>.mirakl.net/api/...}), authenticated
 * with the shop's API key in the Authorization header. Sends through the bundle's {@link HttpTransport}: 429 (with
 * Retry-After), 5xx and I/O errors are retried there; this class reads Mirakl's error bodies ({@code status},
 * {@code message}, and a {@code code} where the operation documents one) into {@link ApiException}s.
 */
public class MiraklClient {

    /** Amounts are read as exact decimals: 19.90 stays 19.90, never the double nearest to it. */
    static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI baseUri;
    private final String apiKey;
    private final Long shopId;
    private final HttpTransport transport;
    private final Duration readTimeout;

    /**
     * @param baseUri the operator's instance, e.g. {@code https://marketplace.mirakl.net}
     * @param shopId the shop to act as when the key's user has several (Mirakl's {@code shop_id}), or null for the default shop
     */
    public MiraklClient(final URI baseUri, final String apiKey, final Long shopId, final HttpTransport transport, final Duration readTimeout) {
        final String base = baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.apiKey = apiKey;
        this.shopId = shopId;
        this.transport = transport;
        this.readTimeout = readTimeout;
    }

    /** The instance's host, for attributes and provenance: never the key. */
    public String instance() {
        return baseUri.getHost() == null ? baseUri.toString() : baseUri.getHost();
    }

    /** GET {@code path} with the query parameters (null values left out); the JSON answer. */
    public JsonNode get(final String path, final Map<String, ?> query) {
        final HttpRequest request = request(path, query).GET().build();
        return CutAnswers.readAgain(() -> json(send(request), request));
    }

    /** PUT {@code path} with a JSON body (or none); Mirakl answers 204 on success. */
    public void put(final String path, final Object body) {
        final HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body", e);
        }
        send(request(path, Map.of()).header("Content-Type", "application/json").PUT(publisher).build());
    }

    private HttpRequest.Builder request(final String path, final Map<String, ?> query) {
        final Map<String, Object> parameters = new LinkedHashMap<>(query);
        if (shopId != null) {
            parameters.put("shop_id", shopId);
        }
        final StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return HttpRequest.newBuilder(URI.create(baseUri + path + joined))
                .timeout(readTimeout)
                .header("Authorization", apiKey)
                .header("Accept", "application/json");
    }

    private HttpResponse<byte[]> send(final HttpRequest request) {
        final HttpResponse<byte[]> response = transport.send(request);
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        final JsonNode error = errorBody(response.body());
        final String code = error.path("code").asText("HTTP_" + status);
        final String message = "Mirakl answered HTTP " + status + " to " + request.method() + " " + request.uri().getPath()
                + (error.hasNonNull("message") ? ": " + error.path("message").asText() : "");
        final ErrorClass errorClass = status == 401 || status == 403 ? ErrorClass.AUTHENTICATION : ErrorClass.PERMANENT;
        throw new ApiException(errorClass, status, code, message);
    }

    private static JsonNode json(final HttpResponse<byte[]> response, final HttpRequest request) {
        try {
            final JsonNode body = MAPPER.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw ApiException.unreadable(response.statusCode(), "Mirakl answered " + request.uri().getPath() + " without a JSON object", null);
            }
            return body;
        } catch (final IOException e) {
            throw ApiException.unreadable(response.statusCode(), "Mirakl answered " + request.uri().getPath() + " with a body that is not JSON", e);
        }
    }

    private static JsonNode errorBody(final byte[] body) {
        try {
            final JsonNode node = body == null || body.length == 0 ? null : MAPPER.readTree(body);
            return node == null || !node.isObject() ? MAPPER.createObjectNode() : node;
        } catch (final IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
