package io.nifiecommerce.sandbox.seed;

import java.util.List;
import java.util.Optional;

/**
 * Everything a seed produces, as plain data: the same instance seeds the Shopify shop and the
 * Business Central company (items are the catalog's SKUs, customers and companies the same people).
 */
public record ShopSeedData(long seed, List<Product> products, List<Customer> customers, List<Company> companies,
                           List<StockLocation> locations, List<StockLevel> stockLevels, List<Order> orders) {

    public List<Variant> variants() {
        return products.stream().flatMap(product -> product.variants().stream()).toList();
    }

    public Optional<Customer> customer(final long id) {
        return customers.stream().filter(customer -> customer.id() == id).findFirst();
    }

    public Optional<Company> company(final long id) {
        return companies.stream().filter(company -> company.id() == id).findFirst();
    }
}
