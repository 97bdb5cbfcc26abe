package io.nifiecommerce.catalog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ErpPicturesTest {

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theTypeComesFromTheSignatureAndOnlyImagesShopifyTakesAreSent() {
        assertEquals("image/jpeg", ErpPictures.mimeType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1}));
        assertEquals("image/png", ErpPictures.mimeType(ascii("\u0089PNG\r\n\u001a\n")));
        assertEquals("image/gif", ErpPictures.mimeType(ascii("GIF89a")));
        assertEquals("image/webp", ErpPictures.mimeType(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")));
        assertEquals("image/heic", ErpPictures.mimeType(ascii("\u0000\u0000\u0000\u0018ftypheic")));
        assertNull(ErpPictures.mimeType(ascii("BM6\u0000")), "BMP: not a product image format");
        assertNull(ErpPictures.mimeType(ascii("{\"value\":[")), "an answer cut or garbled on the way is not a picture");
        assertNull(ErpPictures.mimeType(new byte[0]));
    }

    @Test
    void theHashFollowsTheBytesAndTheReferenceTheItemsVersion() {
        assertEquals(ErpPictures.hash(ascii("GIF89a-1")), ErpPictures.hash(ascii("GIF89a-1")));
        assertNotEquals(ErpPictures.hash(ascii("GIF89a-1")), ErpPictures.hash(ascii("GIF89a-2")));
        assertNotEquals(ErpPictures.reference("id-1", "2026-12-05T22:00:00Z"), ErpPictures.reference("id-1", "2026-12-06T22:00:00Z"));
    }
}
