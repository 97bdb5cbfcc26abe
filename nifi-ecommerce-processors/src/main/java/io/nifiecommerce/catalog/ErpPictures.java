package io.nifiecommerce.catalog;

import io.nifiecommerce.stock.PublishedQuantities;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Pictures the ERP holds as bytes (Business Central's item picture), sent to Shopify only when they changed. An item
 * carries a reference {@code erp-picture:<record id>@<version>} as its picture URL: the version (BC's
 * lastModifiedDateTime, which a new picture changes) makes the item's fingerprint change, so the item is looked at; its
 * picture is then read, and uploaded ({@link StagedPictureUpload}) only when its content hash differs from the one
 * remembered, under the item's own key in the fingerprint memory.
 */
public final class ErpPictures {

    public static final String REFERENCE_PREFIX = "erp-picture:";

    /** The ISO BMFF brands of HEIC/HEIF pictures (iPhone photos). */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "mif1", "msf1");

    /** Reads a picture's bytes from the ERP, by the record id of its item; empty when the item has none. */
    @FunctionalInterface
    public interface Source {
        Optional<Picture> read(String recordId);
    }

    /** A picture's bytes and MIME type. */
    public record Picture(byte[] content, String mimeType) {
    }

    /** What to put in the product for this run: the staged URL, or null to leave the product's media as they are. */
    record Resolved(String pictureUrl, long hash) {
    }

    private final Source source;
    private final StagedPictureUpload upload;

    public ErpPictures(final Source source, final StagedPictureUpload upload) {
        this.source = source;
        this.upload = upload;
    }

    /** The reference an item record carries for its ERP picture. */
    public static String reference(final String recordId, final String version) {
        return REFERENCE_PREFIX + recordId + "@" + (version == null ? "" : version);
    }

    static boolean isReference(final String pictureUrl) {
        return pictureUrl != null && pictureUrl.startsWith(REFERENCE_PREFIX);
    }

    /** The memory key of an item's picture hash. */
    static long memoryKey(final String number) {
        return PublishedQuantities.key(number, "picture");
    }

    /** Reads the item's picture and uploads it when its content is not the one last sent. */
    Resolved resolve(final CatalogItem item, final PublishedQuantities memory) {
        final String reference = item.pictureUrl().substring(REFERENCE_PREFIX.length());
        final int at = reference.lastIndexOf('@');
        final Optional<Picture> picture = source.read(at < 0 ? reference : reference.substring(0, at));
        if (picture.isEmpty() || picture.get().mimeType() == null) {
            // no picture, or bytes that are not an image Shopify takes: the product's media stay as they are
            return new Resolved(null, 0);
        }
        final long hash = hash(picture.get().content());
        if (memory.isUnchanged(memoryKey(item.number()), hash)) {
            return new Resolved(null, hash);
        }
        final String extension = picture.get().mimeType().substring("image/".length());
        return new Resolved(upload.upload(item.number() + "." + extension, picture.get().mimeType(), picture.get().content()), hash);
    }

    /**
     * The MIME type of picture bytes, from their signature (BC's Picture Entity keeps the type, but its media stream is
     * read as bytes), for the formats Shopify takes as product images: JPEG, PNG, GIF, WebP, HEIC; null for anything
     * else, which is not sent (Shopify would fail the media after accepting the request, out of sight).
     */
    public static String mimeType(final byte[] content) {
        if (starts(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        } else if (starts(content, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        } else if (starts(content, 'G', 'I', 'F', '8')) {
            return "image/gif";
        } else if (content.length >= 12 && starts(content, 'R', 'I', 'F', 'F') && content[8] == 'W' && content[9] == 'E' && content[10] == 'B'
                && content[11] == 'P') {
            return "image/webp";
        } else if (content.length >= 12 && new String(content, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")
                && HEIF_BRANDS.contains(new String(content, 8, 4, StandardCharsets.US_ASCII))) {
            return "image/heic";
        }
        return null;
    }

    private static boolean starts(final byte[] content, final int... signature) {
        if (content.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((content[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    static long hash(final byte[] content) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(content)).getInt() & 0xFFFF_FFFFL;
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
