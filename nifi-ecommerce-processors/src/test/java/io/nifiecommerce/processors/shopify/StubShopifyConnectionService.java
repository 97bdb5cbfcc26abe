package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.apache.nifi.controller.AbstractControllerService;

/** A connection service for tests: hands out a client already pointed at a stub or simulator. */
class StubShopifyConnectionService extends AbstractControllerService implements ShopifyConnectionService {

    private final ShopifyGraphQlClient client;

    StubShopifyConnectionService(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    @Override
    public ShopifyGraphQlClient client() {
        return client;
    }

    @Override
    public String shopDomain() {
        return "stub-shop.myshopify.com";
    }

    @Override
    public String apiVersion() {
        return "2026-04";
    }
}
