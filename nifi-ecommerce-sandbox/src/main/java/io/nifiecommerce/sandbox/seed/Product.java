package io.nifiecommerce.sandbox.seed;

import java.util.List;

/** A catalog product and its variants. */
public record Product(long id, String title, String vendor, String productType, List<Variant> variants) {
}
