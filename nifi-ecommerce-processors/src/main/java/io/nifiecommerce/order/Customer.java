package io.nifiecommerce.order;

/**
 * The person who placed the order; for a B2B order, the company's contact.
 *
 * @param id the source system's id (Shopify: a gid)
 */
public record Customer(String id, String email, String firstName, String lastName, String phone) {
}
