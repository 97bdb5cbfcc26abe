package io.nifiecommerce.catalog;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.stock.PublishedQuantities;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Archives, never deletes, the products of items that a complete read of the ERP no longer has. The product is found by
 * the SKU remembered when it was published (an item deleted in BC leaves nothing else to go by). An item whose product
 * is archived, or gone from Shopify, is forgotten: should the number come back, it is published as a new item.
 */
final class DeletedItemArchiver {

    private final ProductPublisher publisher;
    private final ProductLookup lookup;
    private final PublishedItems published;
    private final PublishedQuantities memory;

    DeletedItemArchiver(final ProductPublisher publisher, final ProductLookup lookup, final PublishedItems published, final PublishedQuantities memory) {
        this.publisher = publisher;
        this.lookup = lookup;
        this.published = published;
        this.memory = memory;
    }

    /**
     * @param numbersRead     every item number of the complete read
     * @param publishedBefore how many items had a product before this run's items joined them
     */
    DeletedItems archive(final List<String> numbersRead, final int publishedBefore, final int maxSharePercent) {
        final List<String> missing = published.missingFrom(numbersRead);
        if (missing.isEmpty()) {
            return DeletedItems.NONE;
        }
        if (missing.size() * 100L > (long) maxSharePercent * publishedBefore) {
            return new DeletedItems(List.of(), missing.size(), 0);
        }
        final List<ProductOutcome> outcomes = new ArrayList<>();
        int mutations = 0;
        try {
            final Map<String, ProductLookup.Found> found = lookup.find(missing.stream().map(published::sku).toList());
            for (final String number : missing) {
                final ExistingProduct existing = ProductLookup.productOf(List.of(published.sku(number)), found);
                final ProductOutcome outcome;
                if (existing == null) {
                    outcome = new ProductOutcome(number, ProductOutcome.Status.SKIPPED, null, null, "Deleted in the ERP; no product in Shopify any more");
                } else if ("ARCHIVED".equals(existing.status())) {
                    outcome = new ProductOutcome(number, ProductOutcome.Status.ARCHIVED, existing.id(), null, "Deleted in the ERP; already archived");
                } else {
                    mutations++;
                    outcome = publisher.archive(number, existing);
                }
                outcomes.add(outcome);
                if (!outcome.failed()) {
                    published.remove(number);
                    memory.forget(ProductPublisher.memoryKey(number));
                }
            }
        } catch (final ApiException e) {
            if (e.errorClass() == ErrorClass.AUTHENTICATION) {
                throw e;
            }
            // Shopify unavailable part-way: the rest stay published, for the next complete read
            final List<String> done = outcomes.stream().map(ProductOutcome::number).toList();
            missing.stream().filter(number -> !done.contains(number))
                    .forEach(number -> outcomes.add(new ProductOutcome(number, ProductOutcome.Status.RETRY, null, e.code(), e.getMessage())));
        }
        return new DeletedItems(outcomes, 0, mutations);
    }
}
