package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.stock.PublishedQuantities;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes ERP items as Shopify products, sending only the items whose fingerprint differs from the one remembered
 * from the last run. Changed items are looked up by SKU (50 per query), then each is sent with one {@code productSet}:
 * created under a handle (an upsert, safe to replay), updated by id, archived when blocked. Nothing is ever deleted.
 * <p>
 * When Shopify cannot be reached or keeps throttling (after the client's retries), the run stops there: the items
 * done so far keep their outcome and are remembered, the others come out as RETRY, to be sent again later, which
 * productSet applies idempotently. A refused credential ends the run with the exception.
 */
public final class ProductPublisher {

    /** The outcomes after which the item has a product the publisher keeps. */
    private static final Set<ProductOutcome.Status> HAS_PRODUCT = EnumSet.of(ProductOutcome.Status.CREATED,
            ProductOutcome.Status.UPDATED, ProductOutcome.Status.ARCHIVED, ProductOutcome.Status.UNCHANGED);

    private final CatalogCalls calls;
    private final ProductMapping mapping;
    private ErpPictures pictures;

    public ProductPublisher(final CatalogCalls calls, final ProductMapping mapping) {
        this.calls = calls;
        this.mapping = mapping;
    }

    /** The memory key of an item: its number, under a namespace of its own in the fingerprint space. */
    public static long memoryKey(final String number) {
        return PublishedQuantities.key(number, "product");
    }

    /**
     * @param memory fingerprints of the items last published; updated for every item published or found unchanged
     * @param full   send every item, whatever the memory says (a nightly full resync)
     */
    public Report publish(final List<CatalogItem> items, final PublishedQuantities memory, final boolean full) {
        return publish(items, memory, full, PublishedItems.empty(), Deletions.NONE);
    }

    /**
     * Publishes the items, then, when the read was complete, archives the products of the items published before and
     * no longer read (deleted in the ERP).
     *
     * @param published the items that have a product, with a SKU to find it by; updated with this run's items and deletions
     * @param deletions whether the items are every item of the ERP, and how many may vanish at once
     */
    public Report publish(final List<CatalogItem> items, final PublishedQuantities memory, final boolean full, final PublishedItems published,
                          final Deletions deletions) {
        final Map<String, ProductOutcome> outcomes = new LinkedHashMap<>();
        final List<CatalogItem> changed = new ArrayList<>();
        final Map<String, Long> fingerprints = new LinkedHashMap<>();
        for (final CatalogItem item : items) {
            final long fingerprint = mapping.fingerprint(item);
            fingerprints.put(item.number(), fingerprint);
            if (!full && memory.isUnchanged(memoryKey(item.number()), fingerprint)) {
                outcomes.put(item.number(), new ProductOutcome(item.number(), ProductOutcome.Status.UNCHANGED, null, null, null));
            } else {
                changed.add(item);
            }
        }
        final ProductLookup lookup = new ProductLookup(calls);
        final List<String> skus = new ArrayList<>();
        changed.forEach(item -> skus.addAll(mapping.skus(item)));
        int mutations = 0;
        boolean interrupted = false;
        try {
            final Map<String, ProductLookup.Found> found = lookup.find(skus);
            for (final CatalogItem item : changed) {
                mutations += publishOne(item, found, fingerprints.get(item.number()), memory, outcomes);
            }
        } catch (final ApiException e) {
            if (e.errorClass() == ErrorClass.AUTHENTICATION) {
                throw e;
            }
            interrupted = true;
            for (final CatalogItem item : changed) {
                outcomes.putIfAbsent(item.number(), new ProductOutcome(item.number(), ProductOutcome.Status.RETRY, null, e.code(), e.getMessage()));
            }
        }
        final int publishedBefore = published.size();
        for (final CatalogItem item : items) {
            if (HAS_PRODUCT.contains(outcomes.get(item.number()).status())) {
                published.add(item.number(), mapping.skus(item).get(0));
            }
        }
        final DeletedItems deleted = interrupted || !deletions.completeRead() ? DeletedItems.NONE
                : new DeletedItemArchiver(this, lookup, published, memory).archive(items.stream().map(CatalogItem::number).toList(), publishedBefore,
                        deletions.maxSharePercent());
        mutations += deleted.mutations();
        return new Report(List.copyOf(outcomes.values()), lookup.queries(), mutations, calls.requests(), calls.costPoints(), deleted, published);
    }

    /** Sends one changed item if it needs a call; returns the calls made (0 or 1). */
    private int publishOne(final CatalogItem item, final Map<String, ProductLookup.Found> found, final long fingerprint,
                           final PublishedQuantities memory, final Map<String, ProductOutcome> outcomes) {
        final ExistingProduct existing;
        try {
            existing = ProductLookup.productOf(mapping.skus(item), found);
        } catch (final IllegalStateException e) {
            outcomes.put(item.number(), new ProductOutcome(item.number(), ProductOutcome.Status.FAILED, null, "SKU_CONFLICT", e.getMessage()));
            return 0;
        }
        final ProductOutcome outcome;
        int mutations = 0;
        if (item.blocked() && existing == null) {
            outcome = new ProductOutcome(item.number(), ProductOutcome.Status.SKIPPED, null, null, "Blocked in the ERP and not in Shopify");
        } else if (item.blocked() && "ARCHIVED".equals(existing.status())) {
            outcome = new ProductOutcome(item.number(), ProductOutcome.Status.ARCHIVED, existing.id(), null, null);
        } else {
            ErpPictures.Resolved picture = null;
            CatalogItem toSend = item;
            if (ErpPictures.isReference(item.pictureUrl())) {
                if (pictures != null && !item.blocked() && mapping.sendsPicture(existing)) {
                    try {
                        picture = pictures.resolve(item, memory);
                    } catch (final ApiException e) {
                        if (e.isTransient() || e.errorClass() == ErrorClass.AUTHENTICATION) {
                            throw e;
                        }
                        outcomes.put(item.number(), new ProductOutcome(item.number(), ProductOutcome.Status.FAILED,
                                existing == null ? null : existing.id(), e.code(), e.getMessage()));
                        return 0;
                    }
                }
                // never the reference itself: the staged picture, or nothing (the product's media stay)
                toSend = item.withPictureUrl(picture == null ? null : picture.pictureUrl());
            }
            mutations = 1;
            outcome = send(toSend, existing);
            if (!outcome.failed() && picture != null && picture.pictureUrl() != null) {
                memory.remember(ErpPictures.memoryKey(item.number()), picture.hash());
            }
        }
        outcomes.put(item.number(), outcome);
        if (!outcome.failed()) {
            memory.remember(memoryKey(item.number()), fingerprint);
        }
        return mutations;
    }

    /** Pictures the ERP holds as bytes ({@link ErpPictures#reference} in an item's picture URL) are read and staged with these. */
    public ProductPublisher withPictures(final ErpPictures erpPictures) {
        this.pictures = erpPictures;
        return this;
    }

    /** Archives the product of an item deleted in the ERP. */
    ProductOutcome archive(final String number, final ExistingProduct existing) {
        return send(new CatalogItem(number, null, null, null, null, true, null, null, List.of(), List.of()), existing);
    }

    private ProductOutcome send(final CatalogItem item, final ExistingProduct existing) {
        final Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("identifier", mapping.identifier(item, existing));
        variables.put("input", item.blocked() ? ProductMapping.archiveInput() : mapping.input(item, existing));
        final GraphQlResponse response;
        try {
            response = calls.idempotent(CatalogDocuments.PRODUCT_SET, variables);
        } catch (final ApiException e) {
            if (e.isTransient() || e.errorClass() == ErrorClass.AUTHENTICATION) {
                throw e;
            }
            // a GraphQL error on this item's input (e.g. a value the schema refuses): the item fails, the run goes on
            return new ProductOutcome(item.number(), ProductOutcome.Status.FAILED, existing == null ? null : existing.id(), e.code(), e.getMessage());
        }
        final JsonNode errors = response.at("productSet.userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            final JsonNode first = errors.get(0);
            final List<String> messages = new ArrayList<>();
            errors.forEach(error -> messages.add(error.path("message").asText()));
            return new ProductOutcome(item.number(), ProductOutcome.Status.FAILED, existing == null ? null : existing.id(),
                    first.path("code").asText("USER_ERROR"), String.join("; ", messages));
        }
        final String productId = response.at("productSet.product.id").asText(null);
        final ProductOutcome.Status status = item.blocked() ? ProductOutcome.Status.ARCHIVED
                : existing == null ? ProductOutcome.Status.CREATED : ProductOutcome.Status.UPDATED;
        return new ProductOutcome(item.number(), status, productId, null, null);
    }

    /**
     * @param outcomes  one per item, in input order
     * @param requests  Shopify requests of the run (lookups and mutations)
     * @param costPoints the cost points Shopify charged for them
     * @param deleted   what became of the items deleted in the ERP
     * @param published the items with a product after the run, to keep for the next one
     */
    public record Report(List<ProductOutcome> outcomes, int lookups, int mutations, int requests, double costPoints, DeletedItems deleted,
                         PublishedItems published) {

        public long count(final ProductOutcome.Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }
    }
}
