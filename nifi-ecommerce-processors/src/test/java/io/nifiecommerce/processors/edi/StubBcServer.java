package io.nifiecommerce.processors.edi;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A local HTTP stand-in for BC: answers 200 with the JSON the function gives for "METHOD uri", records "METHOD uri body". */
final class StubBcServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    StubBcServer(final Function<String, String> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            calls.add(body.isEmpty() ? request : request + " " + body);
            final byte[] out = answers.apply(request).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The requests so far, "METHOD uri" plus " body" when there is one. */
    List<String> calls() {
        return calls;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
