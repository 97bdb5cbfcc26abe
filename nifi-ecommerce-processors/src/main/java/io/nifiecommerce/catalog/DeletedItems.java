package io.nifiecommerce.catalog;

import java.util.List;

/**
 * What a run did with the items deleted in the ERP.
 *
 * @param outcomes  one per deleted item handled: ARCHIVED (now or already), SKIPPED (no product any more), FAILED
 *                  (Shopify refused; tried again next run), RETRY (Shopify unavailable; tried again next run)
 * @param held      deleted items not archived because more than the allowed share vanished at once
 * @param mutations productSet calls made
 */
public record DeletedItems(List<ProductOutcome> outcomes, int held, int mutations) {

    public static final DeletedItems NONE = new DeletedItems(List.of(), 0, 0);

    public DeletedItems {
        outcomes = List.copyOf(outcomes);
    }

    public long count(final ProductOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
