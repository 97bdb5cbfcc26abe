package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.apache.nifi.controller.ControllerService;

/**
 * One shop's connection: endpoint, API version, credentials and the cost budget that every
 * processor using this service shares, so that together they stay within the shop's rate limit.
 */
public interface ShopifyConnectionService extends ControllerService {

    /** The client for the shop, ready to use; the same instance (and budget) for every caller. */
    ShopifyGraphQlClient client();

    /** The shop's domain as configured, e.g. {@code my-shop.myshopify.com}: for attributes and provenance. */
    String shopDomain();

    /** The Admin API version requests are sent with, e.g. {@code 2026-04}. */
    String apiVersion();
}
