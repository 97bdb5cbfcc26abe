package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ClientCredentialsGrant;
import io.nifiecommerce.http.CutAnswers;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Calls to the Selling Partner API of one region ({@code https://sellingpartnerapi-eu.amazon.com}) for one selling
 * partner: an LWA access token (refresh token grant at {@code https://api.amazon.com/auth/o2/token}, one hour, renewed
 * before it lapses and after a 403 that says it expired) in the {@code x-amz-access-token} header, every request
 * through its operation's {@link RateGate} and the bundle's {@link HttpTransport} (5xx, 429 and I/O retried there).
 * SP-API's error body {@code {"errors": [{"code", "message", "details"}]}} becomes an {@link ApiException} with
 * Amazon's code; an operation whose usage plan is spent ends as a transient {@value #QUOTA_EXCEEDED}.
 */
public class SellingPartnerClient {

    public static final String QUOTA_EXCEEDED = "QuotaExceeded";

    static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A documented default usage plan, the starting point of an operation's gate. */
    public record Plan(double rate, int burst) {
    }

    private final URI endpoint;
    private final ClientCredentialsGrant token;
    private final HttpTransport transport;
    private final Duration readTimeout;
    private final Duration maxRateWait;
    private final UsagePlans plans;

    /**
     * @param maxRateWait the longest a request waits for its usage plan inline; beyond it the call ends as QuotaExceeded
     */
    public SellingPartnerClient(final URI endpoint, final URI tokenUri, final LwaCredentials credentials, final HttpTransport transport,
                                final Duration readTimeout, final Duration maxRateWait, final Clock clock) {
        this(endpoint, tokenUri, credentials, transport, readTimeout, maxRateWait, clock, new UsagePlans(clock));
    }

    /** @param plans the usage plans of this selling partner and application, shared with the other clients of the pair */
    public SellingPartnerClient(final URI endpoint, final URI tokenUri, final LwaCredentials credentials, final HttpTransport transport,
                                final Duration readTimeout, final Duration maxRateWait, final Clock clock, final UsagePlans plans) {
        final String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.transport = transport;
        this.readTimeout = readTimeout;
        this.maxRateWait = maxRateWait;
        this.plans = plans;
        this.token = new ClientCredentialsGrant(tokenUri, ClientCredentialsGrant.grant("refresh_token", credentials.clientId(),
                credentials.clientSecret(), Map.of("refresh_token", credentials.refreshToken())), transport, readTimeout, clock,
                SellingPartnerClient::readToken);
    }

    /** The endpoint's host, for attributes and provenance: never a credential. */
    public String endpointHost() {
        return endpoint.getHost() == null ? endpoint.toString() : endpoint.getHost();
    }

    /** The gate of an operation, created on first use with its documented plan. */
    public RateGate gate(final String operation, final Plan plan) {
        return plans.gate(operation, plan);
    }

    /** GET {@code path} with the query (null values left out) as {@code operation}; the answer's {@code payload}. */
    public JsonNode get(final String operation, final Plan plan, final String path, final Map<String, ?> query) {
        final JsonNode body = getResource(operation, plan, path, query);
        if (!body.path("payload").isObject()) {
            throw ApiException.unreadable(200, "Amazon answered " + operation + " without a payload object", null);
        }
        return body.path("payload");
    }

    /**
     * GET as {@link #get}, for the APIs whose answer is the resource itself, without the {@code payload} envelope
     * (Reports 2021-06-30 and the other versioned APIs): the whole JSON object.
     */
    public JsonNode getResource(final String operation, final Plan plan, final String path, final Map<String, ?> query) {
        final StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        final URI uri = URI.create(endpoint + path + joined);
        // each send takes its usage-plan token
        return CutAnswers.readAgain(() -> body(exchange(operation, plan,
                () -> HttpRequest.newBuilder(uri).header("Accept", "application/json").GET()), operation));
    }

    /**
     * POST {@code body} as JSON to {@code path} as {@code operation}, through the same gate, token and retries; returns on
     * any 2xx (confirmShipment answers 204 without a body). Retried as a whole by the transport: operations sent this way
     * must be safe to repeat (confirmShipment names its package, so a repeat updates it).
     */
    public void post(final String operation, final Plan plan, final String path, final JsonNode body) {
        final byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (final IOException e) {
            throw new IllegalArgumentException("The body of " + operation + " cannot be written as JSON", e);
        }
        final URI uri = URI.create(endpoint + path);
        exchange(operation, plan, () -> HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    /** One call: its usage plan's token, the access token (renewed once on a 403 that says it expired), 2xx or an ApiException. */
    private HttpResponse<byte[]> exchange(final String operation, final Plan plan, final Supplier<HttpRequest.Builder> request) {
        final RateGate gate = gate(operation, plan);
        for (int attempt = 1; ; attempt++) {
            final Duration wait = gate.reserve(maxRateWait);
            if (wait == null) {
                throw new ApiException(ErrorClass.TRANSIENT, 429, QUOTA_EXCEEDED, operation + " has spent its usage plan ("
                        + gate.rate() + " requests/s): the next request is due in more than " + maxRateWait.toSeconds() + " s");
            }
            transport.pause(wait);
            final HttpResponse<byte[]> response;
            try {
                response = transport.send(request.get().timeout(readTimeout)
                        .header("x-amz-access-token", token.token())
                        .header("User-Agent", "nifi-ecommerce (Language=Java)")
                        .build());
            } catch (final ApiException e) {
                if (e.status() == 429) {
                    gate.drain();
                    throw new ApiException(ErrorClass.TRANSIENT, 429, QUOTA_EXCEEDED, operation + " throttled by Amazon: " + e.getMessage(),
                            e.retryAfter().orElse(null), e);
                }
                throw e;
            }
            response.headers().firstValue("x-amzn-RateLimit-Limit").ifPresent(gate::rate);
            final int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            final JsonNode error = firstError(response.body());
            if (status == 403 && attempt == 1 && error.path("details").asText("").contains("expired")) {
                token.invalidate();
                continue;
            }
            throw new ApiException(status == 401 || status == 403 ? ErrorClass.AUTHENTICATION : ErrorClass.PERMANENT, status,
                    error.path("code").asText("HTTP_" + status), "Amazon answered HTTP " + status + " to " + operation
                    + (error.hasNonNull("message") ? ": " + error.path("message").asText() : "")
                    + (error.path("details").asText("").isEmpty() ? "" : " (" + error.path("details").asText() + ")"));
        }
    }

    /**
     * The bytes at a URL Amazon handed out (a report document's pre-signed {@code url}): no access token, no usage plan,
     * through the same transport and its retries; anything but 2xx is an {@link ApiException} (an expired URL answers 403).
     */
    public byte[] download(final URI url) {
        final HttpResponse<byte[]> response = transport.send(HttpRequest.newBuilder(url).timeout(readTimeout)
                .header("User-Agent", "nifi-ecommerce (Language=Java)").GET().build());
        final int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ApiException(status == 403 ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT, status, "DOCUMENT_HTTP_" + status,
                    "The document URL on " + url.getHost() + " answered HTTP " + status);
        }
        return response.body() == null ? new byte[0] : response.body();
    }

    private static JsonNode body(final HttpResponse<byte[]> response, final String operation) {
        try {
            final JsonNode body = MAPPER.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw ApiException.unreadable(response.statusCode(), "Amazon answered " + operation + " without a JSON object", null);
            }
            return body;
        } catch (final IOException e) {
            throw ApiException.unreadable(response.statusCode(), "Amazon answered " + operation + " with a body that is not JSON", e);
        }
    }

    private static JsonNode firstError(final byte[] body) {
        try {
            final JsonNode node = body == null || body.length == 0 ? null : MAPPER.readTree(body);
            final JsonNode first = node == null ? null : node.path("errors").path(0);
            return first == null || !first.isObject() ? MAPPER.createObjectNode() : first;
        } catch (final IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    /** LWA's answer: {@code access_token} and {@code expires_in} (seconds), or an OAuth error body {@code error}, {@code error_description}. */
    private static ClientCredentialsGrant.IssuedToken readToken(final HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (final IOException e) {
            body = null;
        }
        if (response.statusCode() == 200 && body != null && body.hasNonNull("access_token")) {
            return new ClientCredentialsGrant.IssuedToken(body.path("access_token").asText(),
                    Duration.ofSeconds(body.path("expires_in").asLong(3600)), null);
        }
        if (response.statusCode() == 200) {
            throw ApiException.unreadable(200, "Login with Amazon answered without an access token", null);
        }
        final String code = body == null ? "HTTP_" + response.statusCode() : body.path("error").asText("HTTP_" + response.statusCode());
        throw new ApiException(ErrorClass.AUTHENTICATION, response.statusCode(), code, "Login with Amazon refused the refresh token grant: "
                + (body == null ? "HTTP " + response.statusCode() : body.path("error_description").asText(code)));
    }
}
