package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a low-code workflow (Power Automate, Logic Apps, a hand-written script) does against BC: plain
 * OData calls with java.net.http, a bearer token fetched once, and the platforms' default retry of
 * 429 and 5xx (wait Retry-After or a second, four more tries). Counts its requests.
 */
final class PlainODataClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String companyRoot;
    private final String token;
    private final AtomicLong requests = new AtomicLong();

    PlainODataClient(final Sandbox sandbox, final String companyId) throws IOException, InterruptedException {
        final BcSimulatorConfig config = sandbox.businessCentral().config();
        final String form = "grant_type=client_credentials&client_id=" + encode(config.clientId()) + "&client_secret=" + encode(config.clientSecret())
                + "&scope=" + encode("https://api.businesscentral.dynamics.com/.default");
        final HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.bcTokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        this.token = MAPPER.readTree(answer.body()).path("access_token").asText();
        this.companyRoot = sandbox.bcApiUrl() + "companies(" + companyId + ")/";
    }

    long requests() {
        return requests.get();
    }

    /** GET {entitySet}?$filter={field} eq '{value}': the first match or null. */
    JsonNode findFirst(final String entitySet, final String field, final String value) throws IOException, InterruptedException {
        final String filter = field + " eq '" + value.replace("'", "''") + "'";
        final JsonNode body = send(HttpRequest.newBuilder(URI.create(companyRoot + entitySet + "?$filter=" + encode(filter) + "&$select=id," + field)).GET());
        final JsonNode values = body.path("value");
        return values.isEmpty() ? null : values.get(0);
    }

    JsonNode post(final String relativePath, final JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(companyRoot + relativePath)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))));
    }

    private JsonNode send(final HttpRequest.Builder builder) throws IOException, InterruptedException {
        final HttpRequest request = builder.header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            requests.incrementAndGet();
            final HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (final IOException e) {
                last = e;
                Thread.sleep(1000);
                continue;
            }
            final int status = response.statusCode();
            if (status == 429 || status >= 500) {
                last = new IOException("HTTP " + status);
                final long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Math.max(1, wait) * 1000);
                continue;
            }
            if (status / 100 != 2) {
                throw new IOException("HTTP " + status + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return MAPPER.readTree(response.body());
        }
        throw last;
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
