package io.nifiecommerce.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damages a real JSON document in its structure rather than its bytes: a value replaced by one of the wrong type or of
 * an absurd size (exponents of a hundred million, 40-digit ids, 100,000-character strings, nesting deeper than parsers allow),
 * a field removed, an element repeated hundreds of times, a value wrapped in an array. The result still parses (except
 * nesting past Jackson's limit), so the mapping behind the parser is what gets exercised. Same seed, same damage.
 */
public final class JsonMutator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEEP = "@@deep-nesting@@";

    private JsonMutator() {
    }

    public static byte[] mutate(final JsonNode base, final long seed) {
        final Random random = new Random(seed);
        final JsonNode root = base.deepCopy();
        final int operations = 1 + random.nextInt(4);
        int depth = 0;
        for (int i = 0; i < operations; i++) {
            final List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            final JsonNode container = containers.get(random.nextInt(containers.size()));
            if (container.isEmpty()) {
                continue;
            }
            final int index = random.nextInt(container.size());
            switch (random.nextInt(6)) {
                case 0 -> remove(container, index);
                case 1 -> {
                    final JsonNode wrapped = NODES.arrayNode().add(child(container, index));
                    replace(container, index, wrapped);
                }
                case 2 -> {
                    if (container instanceof ArrayNode array) {
                        final JsonNode element = array.get(index);
                        final int copies = 1 + random.nextInt(300);
                        for (int c = 0; c < copies; c++) {
                            array.add(element.deepCopy());
                        }
                    } else {
                        replace(container, index, hostile(random));
                    }
                }
                case 3 -> {
                    depth = 50 + random.nextInt(1500);
                    replace(container, index, NODES.textNode(DEEP));
                }
                default -> replace(container, index, hostile(random));
            }
        }
        try {
            String text = MAPPER.writeValueAsString(root);
            if (depth > 0) {
                text = text.replaceFirst('"' + DEEP + '"', "[".repeat(depth) + "]".repeat(depth));
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value of a type or size no sane sender uses. */
    public static JsonNode hostile(final Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new BigInteger(140, random));
            case 4 -> NODES.numberNode(-1);
            case 5 -> NODES.numberNode(0);
            case 6 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : Double.MIN_VALUE);
            case 7 -> NODES.textNode("1e" + (random.nextBoolean() ? "99999999" : "999999999"));
            case 8 -> NODES.textNode("-1E-999999999");
            case 9 -> NODES.textNode("9".repeat(1 + random.nextInt(5000)));
            case 10 -> NODES.textNode("NaN");
            case 11 -> NODES.textNode("");
            case 12 -> NODES.textNode(" \t ");
            case 13 -> NODES.textNode("x".repeat(100_000));
            case 14 -> NODES.textNode("\u0000\uD800\uFFFF,#,,");
            case 15 -> NODES.textNode("gid://shopify/Order/");
            case 16 -> NODES.textNode("-0.000");
            case 17 -> NODES.arrayNode();
            case 18 -> NODES.objectNode();
            case 19 -> NODES.arrayNode().add(1).add("two").add(NODES.objectNode());
            case 20 -> NODES.objectNode().put("amount", "1e999999999").put("shop_money", 3);
            default -> NODES.textNode(Long.toString(random.nextLong()) + "." + Math.abs(random.nextInt()));
        };
    }

    private static void collect(final JsonNode node, final List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static JsonNode child(final JsonNode container, final int index) {
        if (container instanceof ObjectNode object) {
            return object.get(fieldName(object, index));
        }
        return container.get(index);
    }

    private static void remove(final JsonNode container, final int index) {
        if (container instanceof ObjectNode object) {
            object.remove(fieldName(object, index));
        } else {
            ((ArrayNode) container).remove(index);
        }
    }

    private static void replace(final JsonNode container, final int index, final JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.set(fieldName(object, index), value);
        } else {
            ((ArrayNode) container).set(index, value);
        }
    }

    private static String fieldName(final ObjectNode object, final int index) {
        final var names = object.fieldNames();
        for (int i = 0; i < index; i++) {
            names.next();
        }
        return names.next();
    }
}
