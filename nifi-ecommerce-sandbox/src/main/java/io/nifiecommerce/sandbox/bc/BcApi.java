package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Executes one API operation against the tenant: resolves the resource path, applies the OData
 * query options and shapes the JSON the way BC does ({@code @odata.context}, {@code @odata.etag} on
 * every entity, {@code value} arrays, {@code @odata.nextLink}). Never throws for API errors: they
 * become BC error responses.
 */
final class BcApi {

    private static final String BOUND_ACTION_PREFIX = "Microsoft.NAV.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Set<String> SUPPORTED_OPTIONS = Set.of("$filter", "$select", "$expand", "$orderby", "$top", "$skip",
            "$skiptoken", "$count", "$schemaversion");
    static final String STANDARD_ROUTE = "v2.0";

    private final BcTenant tenant;
    private final int defaultPageSize;

    BcApi(final BcTenant tenant, final int defaultPageSize) {
        this.tenant = tenant;
        this.defaultPageSize = defaultPageSize;
    }

    BcResponse execute(final BcOperation op) {
        String entitySet = "root";
        try {
            final ResourcePath path = ResourcePath.parse(op.apiPath());
            entitySet = path.lastEntitySet();
            return dispatch(op, path, entitySet);
        } catch (final BcApiError e) {
            return error(e, entitySet);
        }
    }

    static BcResponse error(final BcApiError e, final String entitySet) {
        final ObjectNode body = NODES.objectNode();
        body.putObject("error").put("code", e.code()).put("message", e.getMessage() + " CorrelationId: " + UUID.randomUUID() + ".");
        return new BcResponse(e.status(), Map.of(), body, entitySet);
    }

    private BcResponse dispatch(final BcOperation op, final ResourcePath path, final String entitySet) {
        if (path.size() == 0 || !path.get(0).name().equals("companies")) {
            throw BcApiError.segmentNotFound(path.size() == 0 ? "" : path.get(0).name());
        }
        final boolean standard = op.route().equals(STANDARD_ROUTE);
        if (path.size() == 1 && !path.get(0).hasKey()) {
            requireGet(op, "companies");
            final List<BcRow> companies = new ArrayList<>();
            for (final BcCompany each : tenant.companies()) {
                companies.add(new BcRow(each.id(), companies.size(), 1, each.companyEntity()));
            }
            return listed(op, collection(op, BcEntityType.COMPANY, companies, "companies", null, null), entitySet);
        }
        final BcCompany company = company(path.get(0));
        if (path.size() == 1) {
            requireGet(op, "companies");
            final ObjectNode node = NODES.objectNode();
            node.put("@odata.context", op.apiRoot() + "$metadata#companies/$entity");
            node.setAll(company.companyEntity());
            return ok(node, entitySet);
        }
        final ResourcePath.Segment setSegment = path.get(1);
        if (!standard) {
            return custom(op, path, company, setSegment, entitySet);
        }
        final String set = setSegment.name();
        final BcTable table = company.tableFor(set);
        final String context = "companies(" + company.id() + ")/" + set;
        final BcStore store = tenant.store();
        if (path.size() == 2 && !setSegment.hasKey()) {
            return switch (op.method()) {
                case "GET" -> listed(op, store.read(() -> collection(op, table.type(), table.rows(), context, company, set)), entitySet);
                case "POST" -> {
                    final JsonNode body = bodyOf(op);
                    final String lines = BcCompany.linesSetOf(set);
                    yield created(op, company, set, company.create(set, body, null), context, lines != null && body.has(lines));
                }
                default -> throw BcApiError.methodNotAllowed(op.method(), set, "Collection");
            };
        }
        if (!setSegment.hasKey()) {
            throw BcApiError.badRequest("Bad Request - Error in query syntax: a key is expected after '" + set + "'.");
        }
        if (path.size() == 2) {
            return single(op, company, set, setSegment.key(), context, entitySet);
        }
        final ResourcePath.Segment navigation = path.get(2);
        if (path.size() == 3 && navigation.name().startsWith(BOUND_ACTION_PREFIX)) {
            return boundAction(op, company, set, table.type(), setSegment.key(), navigation.name());
        }
        if (set.equals(BcCompany.ITEMS) && navigation.name().equals("picture")) {
            return picture(op, path, company, setSegment.key().toLowerCase(Locale.ROOT), context, entitySet);
        }
        final String lineSet = BcCompany.navigationSetOf(set, navigation.name());
        if (path.size() > 3 || lineSet == null) {
            throw BcApiError.segmentNotFound(navigation.name());
        }
        final String documentId = setSegment.key().toLowerCase(Locale.ROOT);
        final String lineContext = context + "(" + documentId + ")/" + lineSet;
        if (!navigation.hasKey()) {
            return switch (op.method()) {
                case "GET" -> listed(op, store.read(() -> {
                    company.require(set, documentId);
                    return collection(op, company.tableFor(lineSet).type(), company.linesOf(lineSet, documentId), lineContext, company, lineSet);
                }), entitySet);
                case "POST" -> {
                    store.read(() -> company.require(set, documentId));
                    yield created(op, company, lineSet, company.create(lineSet, bodyOf(op), documentId), lineContext, false);
                }
                default -> throw BcApiError.methodNotAllowed(op.method(), lineSet, "Collection");
            };
        }
        store.read(() -> {
            final BcRow line = company.require(lineSet, navigation.key());
            if (!BcTable.parentId(line).equals(documentId)) {
                throw BcApiError.recordNotFound(company.tableFor(lineSet).type().caption(), "Id='" + navigation.key() + "'");
            }
            return line;
        });
        return single(op, company, lineSet, navigation.key(), lineContext, entitySet);
    }

    /**
     * {@code items(<id>)/picture} (APIV2 - Pictures, ZeroOrOne: an item without picture answers width and height 0 and
     * no content type) and its media stream {@code items(<id>)/picture/pictureContent} (the bytes, or 204 without picture).
     * Read only here: the page's PATCH of pictureContent is not simulated.
     */
    private BcResponse picture(final BcOperation op, final ResourcePath path, final BcCompany company, final String itemId, final String context,
                               final String entitySet) {
        requireGet(op, "picture");
        final boolean content = path.size() == 4 && path.get(3).name().equals("pictureContent");
        if (path.size() > 4 || path.size() == 4 && !content) {
            throw BcApiError.segmentNotFound(path.get(path.size() - 1).name());
        }
        final BcCompany.ItemPicture picture = tenant.store().read(() -> {
            company.require(BcCompany.ITEMS, itemId);
            return company.itemPicture(itemId);
        });
        if (content) {
            return picture == null ? new BcResponse(204, Map.of(), null, entitySet)
                    : new BcResponse(200, Map.of("Content-Type", picture.contentType()), NODES.binaryNode(picture.content()), entitySet);
        }
        final ObjectNode node = NODES.objectNode();
        node.put("@odata.context", op.apiRoot() + "$metadata#" + context + "(" + itemId + ")/picture/$entity");
        node.put("id", itemId).put("parentType", "Item").put("width", picture == null ? 0 : picture.width())
                .put("height", picture == null ? 0 : picture.height()).put("contentType", picture == null ? "" : picture.contentType());
        node.put("pictureContent@odata.mediaReadLink", op.apiRoot() + context + "(" + itemId + ")/picture/pictureContent");
        return ok(node, entitySet);
    }

    /**
     * {@code POST .../<set>(<id>)/Microsoft.NAV.<action>}: only the {@code [ServiceEnabled]} procedures
     * of the set's page exist, named in lower camel case (404 otherwise, as for any unknown segment).
     */
    private static BcResponse boundAction(final BcOperation op, final BcCompany company, final String set, final BcEntityType type,
                                          final String key, final String segment) {
        final String action = segment.substring(BOUND_ACTION_PREFIX.length());
        final AlPage page = type.page();
        if (page == null || page.boundActions().stream().noneMatch(a -> (Character.toLowerCase(a.charAt(0)) + a.substring(1)).equals(action))) {
            throw BcApiError.segmentNotFound(segment);
        }
        if (!op.method().equals("POST")) {
            throw BcApiError.methodNotAllowed(op.method(), segment);
        }
        if (set.equals(BcCompany.SALES_ORDERS) && action.equals("shipAndInvoice")) {
            company.shipAndInvoiceById(key.toLowerCase(Locale.ROOT));
            return new BcResponse(204, Map.of(), null, set);
        }
        if (set.equals(BcCompany.PURCHASE_ORDERS) && action.equals("receiveAndInvoice")) {
            company.receiveAndInvoiceById(key.toLowerCase(Locale.ROOT));
            return new BcResponse(204, Map.of(), null, set);
        }
        throw new BcApiError(501, "NotImplemented", "The simulator does not implement the bound action '" + segment + "' of '" + set + "'.");
    }

    private BcResponse custom(final BcOperation op, final ResourcePath path, final BcCompany company, final ResourcePath.Segment segment,
                              final String entitySet) {
        final BcCustomPage page = tenant.page(op.route(), segment.name());
        if (page != null && BcEdiExtension.isView(page)) {
            return view(op, path, company, page, segment, entitySet);
        }
        if (page == null || path.size() > 2) {
            throw BcApiError.segmentNotFound(path.size() > 2 ? path.get(2).name() : segment.name());
        }
        final BcTable table = company.customTable(page);
        final String context = "companies(" + company.id() + ")/" + page.entitySet();
        if (page.equals(BcEdiExtension.ITEM_JOURNAL_ADJUSTMENTS) && op.method().equals("POST") && !segment.hasKey()) {
            final BcRow row = company.postItemJournalAdjustment(bodyOf(op));
            final ObjectNode node = NODES.objectNode();
            node.put("@odata.context", op.apiRoot() + "$metadata#" + context + "/$entity");
            node.setAll(entity(row));
            return new BcResponse(201, Map.of("ETag", row.etag(), "Location", op.apiRoot() + context + "(" + row.id() + ")"), node, entitySet);
        }
        requireGet(op, segment.name());
        return tenant.store().read(() -> {
            if (!segment.hasKey()) {
                return listed(op, collection(op, page.type(), table.rows(), context, null, null), entitySet);
            }
            final BcRow row = table.get(segment.key());
            if (row == null) {
                throw BcApiError.recordNotFound(page.type().caption(), "Id='" + segment.key() + "'");
            }
            final ObjectNode node = NODES.objectNode();
            node.put("@odata.context", op.apiRoot() + "$metadata#" + context + "/$entity");
            node.setAll(select(entity(row), QueryOptions.fromQueryString(op.rawQuery()).get("$select"), page.type()));
            return new BcResponse(200, Map.of("ETag", row.etag()), node, entitySet);
        });
    }

    /**
     * bc-extension's shippableSalesOrders and receivablePurchaseOrders: views of the sales and purchase orders, PATCH
     * where the page allows it, and their bound actions (ship, receive), which return 204 as a bound action whose
     * ActionContext says Updated does.
     */
    private BcResponse view(final BcOperation op, final ResourcePath path, final BcCompany company, final BcCustomPage page,
                            final ResourcePath.Segment segment, final String entitySet) {
        final String context = "companies(" + company.id() + ")/" + page.entitySet();
        if (path.size() == 3 && segment.hasKey() && path.get(2).name().startsWith(BOUND_ACTION_PREFIX)) {
            final String action = path.get(2).name().substring(BOUND_ACTION_PREFIX.length());
            if (page.type().page().boundActions().stream().noneMatch(a -> (Character.toLowerCase(a.charAt(0)) + a.substring(1)).equals(action))) {
                throw BcApiError.segmentNotFound(path.get(2).name());
            }
            if (!op.method().equals("POST")) {
                throw BcApiError.methodNotAllowed(op.method(), path.get(2).name());
            }
            final String id = segment.key().toLowerCase(Locale.ROOT);
            if (page.equals(BcEdiExtension.SHIPPABLE_SALES_ORDERS)) {
                company.shipById(id);
            } else {
                company.receiveById(id);
            }
            return new BcResponse(204, Map.of(), null, entitySet);
        }
        if (path.size() > 2) {
            throw BcApiError.segmentNotFound(path.get(2).name());
        }
        if (!segment.hasKey()) {
            requireGet(op, segment.name());
            return listed(op, tenant.store().read(() -> collection(op, page.type(), company.viewRows(page), context, null, null)), entitySet);
        }
        final String id = segment.key().toLowerCase(Locale.ROOT);
        final BcRow row = switch (op.method()) {
            case "GET" -> tenant.store().read(() -> company.viewRow(page, id));
            case "PATCH" -> company.patchView(page, id, bodyOf(op), op.header("If-Match"));
            default -> throw BcApiError.methodNotAllowed(op.method(), page.entitySet());
        };
        final ObjectNode node = NODES.objectNode();
        node.put("@odata.context", op.apiRoot() + "$metadata#" + context + "/$entity");
        node.setAll(select(entity(row), QueryOptions.fromQueryString(op.rawQuery()).get("$select"), page.type()));
        return new BcResponse(200, Map.of("ETag", row.etag()), node, entitySet);
    }

    private BcResponse single(final BcOperation op, final BcCompany company, final String set, final String key, final String context,
                              final String entitySet) {
        final String id = key.toLowerCase(Locale.ROOT);
        return switch (op.method()) {
            case "GET" -> tenant.store().read(() -> {
                final BcRow row = company.require(set, id);
                return entityResponse(op, company, set, row, context, 200, false, entitySet);
            });
            case "PATCH" -> {
                final BcRow row = company.update(set, id, bodyOf(op), op.header("If-Match"));
                yield tenant.store().read(() -> entityResponse(op, company, set, row, context, 200, false, entitySet));
            }
            case "DELETE" -> {
                company.delete(set, id, op.header("If-Match"));
                yield new BcResponse(204, Map.of(), null, entitySet);
            }
            default -> throw BcApiError.methodNotAllowed(op.method(), set);
        };
    }

    private BcResponse created(final BcOperation op, final BcCompany company, final String set, final BcRow row, final String context,
                               final boolean withLines) {
        return tenant.store().read(() -> {
            final BcResponse response = entityResponse(op, company, set, row, context, 201, withLines, set);
            final Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("Location", op.apiRoot() + context + "(" + row.id() + ")");
            return new BcResponse(201, headers, response.body(), set);
        });
    }

    private BcResponse entityResponse(final BcOperation op, final BcCompany company, final String set, final BcRow row, final String context,
                                      final int status, final boolean withLines, final String entitySet) {
        final QueryOptions options = QueryOptions.fromQueryString(op.rawQuery());
        final BcEntityType type = company.tableFor(set).type();
        final ObjectNode node = NODES.objectNode();
        node.put("@odata.context", op.apiRoot() + "$metadata#" + context + "/$entity");
        final List<Expansion> expansions = expansions(options.get("$expand"), set, withLines);
        node.setAll(shape(company, set, type, row, options.get("$select"), expansions));
        return new BcResponse(status, Map.of("ETag", row.etag()), node, entitySet);
    }

    // ---------------------------------------------------------------- collections and query options

    /**
     * A collection response. When {@code set} names a standard entity set of {@code company}, the rows
     * can be expanded; companies and custom pages have no navigation properties.
     */
    private ObjectNode collection(final BcOperation op, final BcEntityType type, final List<BcRow> rows, final String context,
                                  final BcCompany company, final String set) {
        final QueryOptions options = QueryOptions.fromQueryString(op.rawQuery());
        for (final String name : options.all().keySet()) {
            if (name.startsWith("$") && !SUPPORTED_OPTIONS.contains(name)) {
                throw BcApiError.badRequest("The query parameter '" + name + "' is not supported.");
            }
        }
        List<BcRow> selected = filter(rows, options.get("$filter"), type);
        final Ordering ordering = Ordering.parse(options.get("$orderby"), type);
        selected = ordering.sort(selected);
        final int total = selected.size();
        final Integer skip = options.integer("$skip");
        if (skip != null) {
            selected = selected.subList(Math.min(skip, selected.size()), selected.size());
        }
        final Integer top = options.integer("$top");
        if (top != null) {
            selected = selected.subList(0, Math.min(top, selected.size()));
        }
        final String token = options.get("$skiptoken");
        final int offset = token == null ? 0 : SkipToken.resume(token, selected, ordering.fields(), ordering.descending());
        final int pageSize = pageSize(op);
        final int end = (int) Math.min((long) offset + pageSize, selected.size());
        final List<BcRow> page = offset >= selected.size() ? List.of() : selected.subList(offset, end);

        final ObjectNode result = NODES.objectNode();
        result.put("@odata.context", op.apiRoot() + "$metadata#" + context);
        if ("true".equalsIgnoreCase(options.get("$count"))) {
            result.put("@odata.count", total);
        }
        final ArrayNode value = result.putArray("value");
        if (set == null && options.get("$expand") != null) {
            throw BcApiError.badRequest("Could not find a property named '" + options.get("$expand") + "' on type 'Microsoft.NAV." + type.name() + "'.");
        }
        final List<Expansion> expansions = set == null ? List.of() : expansions(options.get("$expand"), set, false);
        for (final BcRow row : page) {
            value.add(set != null ? shape(company, set, type, row, options.get("$select"), expansions)
                    : select(entity(row), options.get("$select"), type));
        }
        if (end < selected.size()) {
            result.put("@odata.nextLink", nextLink(op, SkipToken.of(selected.get(end - 1), ordering.fields())));
        }
        return result;
    }

    private int pageSize(final BcOperation op) {
        int size = defaultPageSize;
        final String prefer = op.header("Prefer");
        if (prefer != null) {
            for (final String preference : prefer.split(",")) {
                final String[] parts = preference.trim().split("=", 2);
                if (parts.length == 2 && parts[0].trim().equalsIgnoreCase("odata.maxpagesize")) {
                    try {
                        size = Math.min(size, Math.max(1, Integer.parseInt(parts[1].trim())));
                    } catch (final NumberFormatException e) {
                        throw BcApiError.badRequest("Invalid odata.maxpagesize preference '" + parts[1] + "'.");
                    }
                }
            }
        }
        return size;
    }

    private static String nextLink(final BcOperation op, final String token) {
        final StringBuilder query = new StringBuilder();
        if (op.rawQuery() != null) {
            for (final String pair : op.rawQuery().split("&")) {
                if (!pair.isEmpty() && !pair.startsWith("$skiptoken=") && !pair.startsWith("%24skiptoken=")) {
                    query.append(pair).append('&');
                }
            }
        }
        query.append("$skiptoken=").append(token);
        return op.apiRoot() + op.apiPath() + "?" + query;
    }

    private static List<BcRow> filter(final List<BcRow> rows, final String expression, final BcEntityType type) {
        if (expression == null || expression.isBlank()) {
            return rows;
        }
        final Predicate<JsonNode> predicate = ODataFilter.parse(expression, type);
        return rows.stream().filter(row -> predicate.test(row.data())).toList();
    }

    /** The parsed {@code $orderby}: fields and their directions. */
    private record Ordering(List<BcField> fields, List<Boolean> descending) {

        static Ordering parse(final String orderBy, final BcEntityType type) {
            final List<BcField> fields = new ArrayList<>();
            final List<Boolean> descending = new ArrayList<>();
            if (orderBy != null && !orderBy.isBlank()) {
                for (final String clause : orderBy.split(",")) {
                    final String[] words = clause.trim().split("\\s+");
                    final boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
                    if (words.length > 2 || words.length == 2 && !desc && !words[1].equalsIgnoreCase("asc")) {
                        throw BcApiError.badRequest("Syntax error in $orderby '" + orderBy + "'.");
                    }
                    fields.add(type.require(words[0]));
                    descending.add(desc);
                }
            }
            return new Ordering(fields, descending);
        }

        List<BcRow> sort(final List<BcRow> rows) {
            if (fields.isEmpty()) {
                return rows;
            }
            Comparator<BcRow> comparator = null;
            for (int i = 0; i < fields.size(); i++) {
                final BcField field = fields.get(i);
                Comparator<BcRow> next = (a, b) -> ODataFilter.compare(ODataFilter.fieldValue(field, a.data().get(field.name())),
                        ODataFilter.fieldValue(field, b.data().get(field.name())));
                if (descending.get(i)) {
                    next = next.reversed();
                }
                comparator = comparator == null ? next : comparator.thenComparing(next);
            }
            // Ties keep the primary-key (insertion) order, so pages are stable.
            comparator = comparator.thenComparingLong(BcRow::sequence);
            final List<BcRow> sorted = new ArrayList<>(rows);
            sorted.sort(comparator);
            return sorted;
        }
    }

    private static List<BcRow> order(final List<BcRow> rows, final String orderBy, final BcEntityType type) {
        return Ordering.parse(orderBy, type).sort(rows);
    }

    // ---------------------------------------------------------------- entity shaping

    private record Expansion(String navigation, QueryOptions options) {
    }

    private static List<Expansion> expansions(final String expand, final String set, final boolean withLines) {
        final List<Expansion> expansions = new ArrayList<>();
        final String lineSet = BcCompany.linesSetOf(set);
        if (expand != null && !expand.isBlank()) {
            for (final String item : QueryOptions.splitTopLevel(expand, ',')) {
                final int open = item.indexOf('(');
                final String name = (open < 0 ? item : item.substring(0, open)).trim();
                final QueryOptions nested = open < 0 ? QueryOptions.nested("") : QueryOptions.nested(item.substring(open + 1, item.lastIndexOf(')')));
                final boolean known = name.equals(lineSet) || name.equals("customer") && lineSet != null
                        || name.equals(BcCompany.ITEM_VARIANTS) && set.equals(BcCompany.ITEMS);
                if (!known) {
                    throw BcApiError.badRequest("Could not find a property named '" + name + "' on type 'Microsoft.NAV."
                            + set.substring(0, set.length() - 1) + "'.");
                }
                expansions.add(new Expansion(name, nested));
            }
        }
        if (withLines && lineSet != null && expansions.stream().noneMatch(e -> e.navigation().equals(lineSet))) {
            expansions.add(new Expansion(lineSet, QueryOptions.nested("")));
        }
        return expansions;
    }

    private ObjectNode shape(final BcCompany company, final String set, final BcEntityType type, final BcRow row, final String select,
                             final List<Expansion> expansions) {
        final ObjectNode node = select(entity(row), select, type);
        for (final Expansion expansion : expansions) {
            if (expansion.navigation().equals("customer")) {
                final BcRow customer = company.tableFor(BcCompany.CUSTOMERS).get(row.data().path("customerId").asText());
                node.set("customer", customer == null ? NODES.nullNode() : select(entity(customer),
                        expansion.options().get("$select"), BcEntityType.CUSTOMER));
                continue;
            }
            final BcEntityType lineType = company.tableFor(expansion.navigation()).type();
            List<BcRow> lines = expansion.navigation().equals(BcCompany.ITEM_VARIANTS) ? new ArrayList<>(company.variantsOf(row.id()))
                    : company.linesOf(expansion.navigation(), row.id());
            lines = filter(lines, expansion.options().get("$filter"), lineType);
            lines = order(lines, expansion.options().get("$orderby"), lineType);
            final ArrayNode array = node.putArray(expansion.navigation());
            for (final BcRow line : lines) {
                array.add(select(entity(line), expansion.options().get("$select"), lineType));
            }
        }
        return node;
    }

    /** The stored row with its {@code @odata.etag} first. */
    private static ObjectNode entity(final BcRow row) {
        final ObjectNode node = NODES.objectNode();
        node.put("@odata.etag", row.etag());
        node.setAll(row.data());
        return node;
    }

    private static ObjectNode select(final ObjectNode entity, final String select, final BcEntityType type) {
        if (select == null || select.isBlank()) {
            return entity;
        }
        final Set<String> fields = new LinkedHashSet<>();
        for (final String name : select.split(",")) {
            fields.add(type.require(name.trim()).name());
        }
        final ObjectNode node = NODES.objectNode();
        node.set("@odata.etag", entity.get("@odata.etag"));
        for (final String name : fields) {
            node.set(name, entity.get(name));
        }
        return node;
    }

    // ---------------------------------------------------------------- small pieces

    private BcCompany company(final ResourcePath.Segment segment) {
        final BcCompany company = segment.key() == null ? null : tenant.byId(segment.key());
        if (company == null) {
            throw BcApiError.recordNotFound("Company", "Id='" + segment.key() + "'");
        }
        return company;
    }

    private static void requireGet(final BcOperation op, final String set) {
        if (!op.method().equals("GET")) {
            throw BcApiError.methodNotAllowed(op.method(), set);
        }
    }

    private static JsonNode bodyOf(final BcOperation op) {
        if (op.body() == null || !op.body().isObject()) {
            throw BcApiError.badRequest("The request body must be a JSON object.");
        }
        return op.body();
    }

    /** A collection answer, with {@code Preference-Applied} when the client asked for a page size. */
    private BcResponse listed(final BcOperation op, final JsonNode body, final String entitySet) {
        final String prefer = op.header("Prefer");
        if (prefer == null || !prefer.toLowerCase(Locale.ROOT).contains("odata.maxpagesize")) {
            return ok(body, entitySet);
        }
        return new BcResponse(200, Map.of("Preference-Applied", "odata.maxpagesize=" + pageSize(op)), body, entitySet);
    }

    private static BcResponse ok(final JsonNode body, final String entitySet) {
        return new BcResponse(200, Map.of(), body, entitySet);
    }
}
