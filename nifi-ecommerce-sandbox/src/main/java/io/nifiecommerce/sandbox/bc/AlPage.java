package io.nifiecommerce.sandbox.bc;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an AL API page ({@code page 30008 "APIV2 - Items"}) tells a client: the entity set, its fields
 * with whether each may be written, the parts (sub-pages used for deep insert and {@code $expand}) and
 * the bound actions ({@code [ServiceEnabled]} procedures, called as {@code Microsoft.NAV.<name>}).
 *
 * @param apiPublisher null for Microsoft's standard API pages
 * @param apiGroup null for Microsoft's standard API pages
 * @param insertAllowed false when the page says {@code InsertAllowed = false} or {@code Editable = false}
 * @param modifyAllowed false when the page says {@code ModifyAllowed = false} or {@code Editable = false}
 */
public record AlPage(int objectId, String objectName, String apiPublisher, String apiGroup, String apiVersion, String entityName,
                     String entitySetName, boolean insertAllowed,
                     boolean modifyAllowed, boolean deleteAllowed, List<Field> fields, List<Part> parts, List<String> boundActions) {

    /**
     * @param name the API name ({@code externalDocumentNumber})
     * @param source the AL expression behind it ({@code Rec."External Document No."})
     * @param editable false when the control says {@code Editable = false}
     */
    public record Field(String name, String source, boolean editable) {

        /** System fields: the platform never lets a client write them, whatever the page says. */
        private static final Set<String> SYSTEM_SOURCES = Set.of("Rec.SystemModifiedAt", "Rec.SystemCreatedAt", "Rec.SystemModifiedBy",
                "Rec.SystemCreatedBy");

        /** Editable on the page and not a system field. */
        public boolean writable() {
            return editable && !SYSTEM_SOURCES.contains(source);
        }
    }

    /**
     * @param name the navigation property ({@code salesOrderLines})
     * @param page the page it shows ({@code APIV2 - Sales Order Lines})
     */
    public record Part(String name, String page, String entityName, String entitySetName) {
    }

    public Optional<Field> field(final String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<Part> part(final String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether a client may set the field in a POST (or PATCH): it exists, is {@link Field#writable()}, the page writable. */
    public boolean writable(final String name) {
        return (insertAllowed || modifyAllowed) && field(name).map(Field::writable).orElse(false);
    }
}
