package io.nifiecommerce.shopify.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Checks Shopify's {@code X-Shopify-Hmac-Sha256}: the base64 HMAC-SHA256 of the raw request body
 * keyed with the app's secret. The comparison takes the same time whatever the bytes, so that the
 * answer leaks nothing about the expected signature.
 */
public final class WebhookSignature {

    /** Why a signature was refused. */
    public enum Verdict {
        VALID,
        MISSING,
        MALFORMED,
        MISMATCH
    }

    private final byte[] secret;

    public WebhookSignature(final String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public Verdict verify(final InputStream body, final String headerValue) throws IOException {
        if (headerValue == null || headerValue.isBlank()) {
            return Verdict.MISSING;
        }
        final byte[] provided;
        try {
            provided = Base64.getDecoder().decode(headerValue.trim());
        } catch (final IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        return MessageDigest.isEqual(sign(body), provided) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The signature of a body, as Shopify computes it (raw bytes, before base64). */
    public byte[] sign(final InputStream body) throws IOException {
        final Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        final byte[] buffer = new byte[8192];
        int read;
        while ((read = body.read(buffer)) != -1) {
            mac.update(buffer, 0, read);
        }
        return mac.doFinal();
    }

    public String signBase64(final InputStream body) throws IOException {
        return Base64.getEncoder().encodeToString(sign(body));
    }
}
