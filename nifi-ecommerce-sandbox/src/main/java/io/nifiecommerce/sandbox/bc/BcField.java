package io.nifiecommerce.sandbox.bc;

/**
 * One field of an entity type.
 *
 * @param name the API field name ({@code externalDocumentNumber})
 * @param type the Edm type
 * @param maxLength the length of the underlying table field for text and code fields, 0 when unbounded
 * @param writable whether a client may set it in a POST or PATCH body
 */
public record BcField(String name, BcFieldType type, int maxLength, boolean writable) {

    public static BcField text(final String name, final int maxLength) {
        return new BcField(name, BcFieldType.STRING, maxLength, true);
    }

    public static BcField code(final String name, final int maxLength) {
        return new BcField(name, BcFieldType.CODE, maxLength, true);
    }

    public static BcField of(final String name, final BcFieldType type) {
        return new BcField(name, type, 0, true);
    }

    public static BcField readOnly(final String name, final BcFieldType type) {
        return new BcField(name, type, 0, false);
    }
}
