package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bare Admin GraphQL client for the tests: posts a query and variables, returns status, headers and JSON. */
final class AdminClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        JsonNode data() {
            return json.path("data");
        }

        String header(final String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final String base;
    private final String token;

    AdminClient(final String base, final String token) {
        this.base = base;
        this.token = token;
    }

    Reply post(final String version, final String query, final Map<String, Object> variables) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        try {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/api/" + version + "/graphql.json"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
            if (token != null) {
                request.header("X-Shopify-Access-Token", token);
            }
            final HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response, MAPPER.readTree(response.body()));
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(final String query, final Map<String, Object> variables) {
        return post("2026-04", query, variables);
    }
}
