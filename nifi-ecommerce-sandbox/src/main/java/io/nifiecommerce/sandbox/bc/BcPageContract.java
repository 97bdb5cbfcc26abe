package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a body a client means to send against Microsoft's page of its entity set: every property
 * must be a field of the page that the page lets a client write, or a part (deep insert) whose items
 * obey their own page. What the simulator enforces on the wire, for use in unit tests of the bodies
 * a client builds.
 */
public final class BcPageContract {

    /** What the body is sent for: a POST needs an insertable page, a PATCH a modifiable one. */
    public enum Write { INSERT, MODIFY }

    private BcPageContract() {
    }

    /** The body's violations, empty when BC would accept its shape. */
    public static List<String> violations(final String entitySet, final JsonNode body, final Write write) {
        final List<String> out = new ArrayList<>();
        check(entitySet, body, write, entitySet, out);
        return out;
    }

    /** The body's violations against one of the bundle's own pages (bc-extension), empty when BC would accept its shape. */
    public static List<String> violations(final AlPage page, final JsonNode body, final Write write) {
        final List<String> out = new ArrayList<>();
        check(page, body, write, page.entitySetName(), out);
        return out;
    }

    private static void check(final String entitySet, final JsonNode body, final Write write, final String at, final List<String> out) {
        final AlPage page = BcPages.all().get(entitySet);
        if (page == null) {
            out.add(at + ": no shipped API v2.0 page for entity set '" + entitySet + "'");
            return;
        }
        check(page, body, write, at, out);
    }

    private static void check(final AlPage page, final JsonNode body, final Write write, final String at, final List<String> out) {
        if (write == Write.INSERT ? !page.insertAllowed() : !page.modifyAllowed()) {
            out.add(at + ": page '" + page.objectName() + "' does not allow " + (write == Write.INSERT ? "insert" : "modify"));
        }
        if (body == null || !body.isObject()) {
            out.add(at + ": body is not a JSON object");
            return;
        }
        final Iterator<Map.Entry<String, JsonNode>> properties = body.fields();
        while (properties.hasNext()) {
            final Map.Entry<String, JsonNode> property = properties.next();
            final String name = property.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            final AlPage.Part part = page.part(name).orElse(null);
            if (part != null) {
                if (write == Write.MODIFY) {
                    out.add(at + "." + name + ": deep update is not supported");
                } else if (!property.getValue().isArray()) {
                    out.add(at + "." + name + ": a part is sent as an array");
                } else {
                    for (int i = 0; i < property.getValue().size(); i++) {
                        check(part.entitySetName(), property.getValue().get(i), Write.INSERT, at + "." + name + "[" + i + "]", out);
                    }
                }
                continue;
            }
            final AlPage.Field field = page.field(name).orElse(null);
            if (field == null) {
                out.add(at + "." + name + ": not a field of page '" + page.objectName() + "'");
            } else if (!page.writable(name)) {
                out.add(at + "." + name + ": read-only on page '" + page.objectName() + "'");
            }
        }
    }
}
