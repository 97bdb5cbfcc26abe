package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds the BC customer number of many orders at once, trying each segment's {@link CustomerMatch}es
 * in order. Lookups of the same kind are grouped into one batched query; answers are cached for the
 * life of the resolver (customers are rarely renumbered). Customers created here go out in one
 * {@code $batch}.
 *
 * <p>A customer is created once however many writers meet on it. BC has no uniqueness on e-mail, so two writers that
 * both found nothing would create two cards. Within a JVM, the writers looking for the same new customer take its
 * {@link CustomerLocks lock} and look again before creating: the second finds the first's card. Across nodes, the
 * policy's {@link CustomerPolicy#numberPrefix() number prefix} gives the card a number derived from the Shopify
 * customer: BC refuses the second card with {@value #SAME_KEY} (the number is the table's primary key), and its writer
 * reads the first one by number and books the order on it.
 */
public final class CustomerResolver {

    public static final String UNKNOWN_CUSTOMER = "UNKNOWN_CUSTOMER";
    /** BC's error code for an insert whose primary key another record has. */
    public static final String SAME_KEY = "Internal_EntityWithSameKeyExists";
    private static final int CACHE_LIMIT = 50_000;

    private final BusinessCentralClient client;
    private final BatchedLookup lookup;
    private final String companyId;
    private final CustomerPolicy policy;
    private final CustomerLocks locks;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** A resolver that shares the locks of every writer of this JVM. */
    public CustomerResolver(final BusinessCentralClient client, final BatchedLookup lookup, final String companyId, final CustomerPolicy policy) {
        this(client, lookup, companyId, policy, CustomerLocks.JVM);
    }

    /** @param locks the customers being created by the writers this one must not race with (those of its node) */
    public CustomerResolver(final BusinessCentralClient client, final BatchedLookup lookup, final String companyId, final CustomerPolicy policy,
                            final CustomerLocks locks) {
        this.client = client;
        this.lookup = lookup;
        this.companyId = companyId;
        this.policy = policy;
        this.locks = locks;
    }

    public List<Resolution<String>> resolve(final List<Order> orders) {
        final List<Resolution<String>> out = new ArrayList<>();
        orders.forEach(o -> out.add(null));
        for (int step = 0; step < CustomerMatch.values().length; step++) {
            final Map<CustomerMatch, List<Integer>> byMatch = new LinkedHashMap<>();
            for (int i = 0; i < orders.size(); i++) {
                if (out.get(i) == null) {
                    final List<CustomerMatch> chain = policy.matches(orders.get(i).segment());
                    if (step < chain.size()) {
                        byMatch.computeIfAbsent(chain.get(step), m -> new ArrayList<>()).add(i);
                    }
                }
            }
            byMatch.forEach((match, indexes) -> apply(match, indexes, orders, out));
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                final Order order = orders.get(i);
                out.set(i, Resolution.failed(UNKNOWN_CUSTOMER, "No Business Central customer found for " + order.segment()
                        + " order " + order.name() + " (tried " + policy.matches(order.segment()) + ")"));
            }
        }
        return out;
    }

    private void apply(final CustomerMatch match, final List<Integer> indexes, final List<Order> orders, final List<Resolution<String>> out) {
        switch (match) {
            case DEFAULT -> indexes.forEach(i -> {
                final String number = policy.defaultCustomer(orders.get(i).segment());
                if (number != null && !number.isBlank()) {
                    out.set(i, Resolution.of(number.trim()));
                }
            });
            case EXTERNAL_ID -> byField("number", indexes, orders, out, o -> o.company() == null ? null : o.company().externalId());
            case TAX_REGISTRATION_NUMBER -> byField("taxRegistrationNumber", indexes, orders, out,
                    o -> o.company() == null ? null : o.company().taxRegistrationNumber());
            case EMAIL -> byField("email", indexes, orders, out, CustomerResolver::email);
            case CREATE -> {
                byField("email", indexes, orders, out, CustomerResolver::email);
                createMissing(indexes.stream().filter(i -> out.get(i) == null).toList(), orders, out);
            }
        }
    }

    private void byField(final String field, final List<Integer> indexes, final List<Order> orders, final List<Resolution<String>> out,
                         final Function<Order, String> key) {
        final List<String> missing = new ArrayList<>();
        for (final int i : indexes) {
            final String k = key.apply(orders.get(i));
            if (k != null && !k.isBlank() && !cache.containsKey(field + ":" + k.trim())) {
                missing.add(k.trim());
            }
        }
        if (!missing.isEmpty()) {
            final Map<String, List<JsonNode>> found = lookup.find(List.of(new LookupQuery("customers", field, missing, "id,number," + field))).get(0);
            remember(field, found);
        }
        for (final int i : indexes) {
            final String k = key.apply(orders.get(i));
            final String number = k == null ? null : cache.get(field + ":" + k.trim());
            if (number != null) {
                out.set(i, Resolution.of(number));
            }
        }
    }

    private void remember(final String field, final Map<String, List<JsonNode>> found) {
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        found.forEach((k, values) -> cache.put(field + ":" + k, values.get(0).path("number").asText()));
    }

    /** Creates the customers still missing once this node's other writers are done with them. */
    private void createMissing(final List<Integer> indexes, final List<Order> orders, final List<Resolution<String>> out) {
        final List<String> keys = indexes.stream().map(i -> email(orders.get(i))).filter(e -> e != null && !e.isBlank())
                .map(e -> companyId + "|" + e).distinct().toList();
        if (keys.isEmpty()) {
            return;
        }
        try (CustomerLocks.Held held = locks.lock(keys)) {
            // another writer of this node may have created some of them since the look-up
            byField("email", indexes, orders, out, CustomerResolver::email);
            create(indexes.stream().filter(i -> out.get(i) == null).toList(), orders, out);
        }
    }

    private void create(final List<Integer> indexes, final List<Order> orders, final List<Resolution<String>> out) {
        final Map<String, Integer> firstByEmail = new LinkedHashMap<>();
        for (final int i : indexes) {
            final String email = email(orders.get(i));
            if (email != null && !email.isBlank()) {
                firstByEmail.putIfAbsent(email.trim(), i);
            }
        }
        final List<String> emails = new ArrayList<>(firstByEmail.keySet());
        final Map<String, String> created = new HashMap<>();
        final Map<String, String> taken = new HashMap<>();
        for (final List<String> chunk : ODataFilter.chunks(emails, 100)) {
            final List<BatchOperation> operations = new ArrayList<>();
            final List<String> numbers = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                final Order order = orders.get(firstByEmail.get(chunk.get(j)));
                final ObjectNode body = customerBody(order);
                final String number = policy.customerNumber(order.customer());
                if (number != null) {
                    body.put("number", number);
                }
                numbers.add(number);
                operations.add(BatchOperation.post(String.valueOf(j + 1), BusinessCentralEndpoint.companyPath(companyId, "customers"), body));
            }
            final List<BatchResult> results = client.batch(operations, false, false);
            for (int j = 0; j < chunk.size(); j++) {
                final BatchResult result = results.get(j);
                if (result.isSuccess()) {
                    created.put(chunk.get(j), result.body().path("number").asText());
                } else if (numbers.get(j) != null && SAME_KEY.equals(result.errorCode())) {
                    // another node created this customer's card first: book the order on it
                    taken.put(chunk.get(j), numbers.get(j));
                } else {
                    final Resolution<String> failed = Resolution.failed(result.errorCode(), "Creating the customer failed: " + result.errorMessage());
                    for (final int i : indexes) {
                        if (chunk.get(j).equals(trimmed(email(orders.get(i))))) {
                            out.set(i, failed);
                        }
                    }
                }
            }
        }
        created.forEach((email, number) -> cache.put("email:" + email, number));
        for (final int i : indexes) {
            final String number = created.get(trimmed(email(orders.get(i))));
            if (number != null) {
                out.set(i, Resolution.of(number));
            }
        }
        if (!taken.isEmpty()) {
            readTaken(indexes.stream().filter(i -> taken.containsKey(trimmed(email(orders.get(i))))).toList(), taken, orders, out);
        }
    }

    /** Books the orders whose customer another writer created first on that card, read by the number BC refused. */
    private void readTaken(final List<Integer> indexes, final Map<String, String> taken, final List<Order> orders, final List<Resolution<String>> out) {
        byField("number", indexes, orders, out, o -> taken.get(trimmed(email(o))));
        for (final int i : indexes) {
            final String email = trimmed(email(orders.get(i)));
            if (out.get(i) == null) {
                out.set(i, Resolution.failed(SAME_KEY, "Customer " + taken.get(email) + " exists in Business Central but could not be read"));
            } else {
                cache.put("email:" + email, out.get(i).value());
            }
        }
    }

    private ObjectNode customerBody(final Order order) {
        final ObjectNode body = policy.template() == null ? BusinessCentralClient.MAPPER.createObjectNode() : policy.template().deepCopy();
        final List<String> ignored = new ArrayList<>();
        final Address address = order.billingAddress() != null ? order.billingAddress() : order.shippingAddress();
        String name = null;
        if (order.company() != null && order.company().name() != null) {
            name = order.company().name();
        } else if (order.customer() != null) {
            name = ((order.customer().firstName() == null ? "" : order.customer().firstName()) + " "
                    + (order.customer().lastName() == null ? "" : order.customer().lastName())).trim();
        }
        if ((name == null || name.isBlank()) && address != null) {
            name = address.name();
        }
        body.put("displayName", FieldLength.fit(name == null || name.isBlank() ? email(order) : name, FieldLength.NAME, "displayName", ignored));
        body.put("email", FieldLength.fit(email(order), FieldLength.EMAIL, "email", ignored));
        if (order.customer() != null && order.customer().phone() != null) {
            body.put("phoneNumber", FieldLength.fit(order.customer().phone(), FieldLength.PHONE, "phoneNumber", ignored));
        }
        if (address != null) {
            putIfPresent(body, "addressLine1", FieldLength.fit(address.address1(), FieldLength.ADDRESS_LINE_1, "", ignored));
            putIfPresent(body, "addressLine2", FieldLength.fit(address.address2(), FieldLength.ADDRESS_LINE_2, "", ignored));
            putIfPresent(body, "city", FieldLength.fit(address.city(), FieldLength.CITY, "", ignored));
            putIfPresent(body, "state", FieldLength.fit(address.province(), FieldLength.STATE, "", ignored));
            putIfPresent(body, "country", FieldLength.fit(address.countryCode(), FieldLength.COUNTRY, "", ignored));
            putIfPresent(body, "postalCode", FieldLength.fit(address.postalCode(), FieldLength.POST_CODE, "", ignored));
        }
        if (order.company() != null && order.company().taxRegistrationNumber() != null) {
            body.put("taxRegistrationNumber", order.company().taxRegistrationNumber());
        }
        return body;
    }

    private static void putIfPresent(final ObjectNode node, final String field, final String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static String trimmed(final String value) {
        return value == null ? null : value.trim();
    }

    static String email(final Order order) {
        final String email = order.email() != null && !order.email().isBlank() ? order.email()
                : order.customer() == null ? null : order.customer().email();
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
