package io.nifiecommerce.stock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code @idempotent} key of a batch: SHA-256 (hex, 64 characters, well within Shopify's key length) of the
 * quantity name, the reason, a scope and the sorted changes.
 * <p>
 * The same batch retried after a timeout gets the same key, so Shopify applies it once. The scope (the FlowFile
 * UUID in NiFi) keeps two separate operations apart: Shopify treats identical variables under one key as the same
 * request, so without it setting 5, selling one, then setting 5 again an hour later would be swallowed as a replay.
 */
public final class IdempotencyKey {

    private IdempotencyKey() {
    }

    public static String of(InventoryBatch batch, String scope) {
        final List<String> lines = new ArrayList<>(batch.changes().size());
        for (InventoryChange change : batch.changes()) {
            lines.add(change.inventoryItemId() + '|' + change.locationId() + '|' + change.quantity() + '|'
                    + (change.changeFromQuantity() == null ? "" : change.changeFromQuantity()));
        }
        lines.sort(null);
        final MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        sha256.update((batch.name().apiName() + '\n' + batch.reason() + '\n' + (scope == null ? "" : scope) + '\n')
                .getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            sha256.update((line + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
