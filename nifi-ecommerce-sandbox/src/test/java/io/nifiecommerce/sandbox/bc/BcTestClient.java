package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A minimal client of the simulator for tests: JSON in and out, bearer token attached. */
final class BcTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        String header(final String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json.path("error").path("code").asText();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiRoot;
    private String token;

    BcTestClient(final String apiRoot, final String token) {
        this.apiRoot = apiRoot;
        this.token = token;
    }

    void token(final String newToken) {
        this.token = newToken;
    }

    Reply get(final String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of());
    }

    Reply get(final String path, final Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    Reply post(final String path, final Object body) throws IOException, InterruptedException {
        return send("POST", path, body, Map.of());
    }

    Reply send(final String method, final String path, final Object body, final Map<String, String> headers)
            throws IOException, InterruptedException {
        final HttpResponse<String> response = raw(method, path, body, headers);
        final JsonNode json = response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        return new Reply(response.statusCode(), response, json);
    }

    /** The response as text, for bodies that may not be JSON. */
    HttpResponse<String> raw(final String method, final String path, final Object body, final Map<String, String> headers)
            throws IOException, InterruptedException {
        final String url = path.startsWith("http") ? path : apiRoot + path;
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            final String text = body instanceof String s ? s : MAPPER.writeValueAsString(body);
            builder.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(final String url, final String form) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String encode(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
