package io.nifiecommerce.shopify;

import java.net.URI;

/**
 * Where a shop's Admin GraphQL API answers: {@code {baseUrl}/admin/api/{version}/graphql.json}. The
 * base URL is {@code https://{shop}.myshopify.com} in production and the sandbox's URL in tests.
 *
 * @param baseUrl scheme, host and optional port, without a trailing slash
 * @param apiVersion quarterly version such as 2026-04
 */
public record ShopifyEndpoint(String baseUrl, String apiVersion) {

    public ShopifyEndpoint {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Accepts {@code my-shop}, {@code my-shop.myshopify.com} or a full URL. */
    public static ShopifyEndpoint forShop(final String shop, final String apiVersion) {
        final String trimmed = shop.trim();
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            return new ShopifyEndpoint(trimmed, apiVersion);
        }
        final String host = trimmed.contains(".") ? trimmed : trimmed + ".myshopify.com";
        return new ShopifyEndpoint("https://" + host, apiVersion);
    }

    public URI graphQlUri() {
        return URI.create(baseUrl + "/admin/api/" + apiVersion + "/graphql.json");
    }

    public URI accessTokenUri() {
        return URI.create(baseUrl + "/admin/oauth/access_token");
    }
}
