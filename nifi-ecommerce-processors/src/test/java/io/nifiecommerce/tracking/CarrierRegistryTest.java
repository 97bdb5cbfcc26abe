package io.nifiecommerce.tracking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The carriers the oracle does not cover (French domestic formats) and the ranking between formats. */
class CarrierRegistryTest {

    private static final CarrierRegistry REGISTRY = CarrierRegistry.builtIn();

    private static void assertDetected(final String number, final String carrier, final String shopifyName) {
        final CarrierMatch match = REGISTRY.detect(number);
        assertTrue(match != null && match.valid(), () -> number + " not detected");
        assertEquals(carrier, match.carrier(), number);
        assertEquals(shopifyName, match.shopifyName(), number);
    }

    @Test
    void colissimoDomesticNeedsItsCheckDigit() {
        assertDetected("6A15602676300", "colissimo", "Colissimo");
        assertDetected("6a 1560 2683 841", "colissimo", "Colissimo");
        assertNull(REGISTRY.detect("6A15602676301"));
        assertEquals("https://www.laposte.fr/outils/suivre-vos-envois?code=6A15602676300",
                REGISTRY.detect("6A15602676300").trackingUrl());
    }

    @Test
    void frenchS10ItemsGoToTheirOperator() {
        assertDetected("EE123456785FR", "chronopost", "Chronopost");
        assertDetected("CP123456785FR", "colissimo", "Colissimo");
        assertDetected("RR123456785FR", "laposte", "La Poste Colissimo");
        assertDetected("RB123456785GB", "s10", "Royal Mail");
        assertDetected("RB123456785US", "s10", "USPS");
        final CarrierMatch capeVerde = REGISTRY.detect("RB123456785CV");
        assertEquals("s10", capeVerde.carrier());
        assertFalse(capeVerde.shopifyName().isBlank() || capeVerde.shopifyName().equals("S10"), "named after the issuing post");
        assertNull(REGISTRY.detect("EE123456784FR"), "wrong S10 check digit");
    }

    @Test
    void glsTntAndMondialRelay() {
        assertDetected("123456789011", "gls", "GLS");
        assertDetected("123456785", "tnt", "TNT");
        assertDetected("12345678", "mondial_relay", "Mondial Relay");
        assertNull(REGISTRY.detect("123456784"), "TNT check digit");
    }

    @Test
    void checkedFormatsWinOverFormatOnlyOnes() {
        // 14 digits: DHL eCommerce and Chronopost have no check digit; DPD 14+1 has one
        final CarrierMatch dpd = REGISTRY.detect("09980000020034D");
        assertEquals("dpd", dpd.carrier());
        final CarrierMatch fourteen = REGISTRY.detect("60120172242323");
        assertEquals("chronopost", fourteen.carrier(), "French bundle: 14-digit skybills are Chronopost first");
        assertTrue(REGISTRY.detectAll("60120172242323").stream().anyMatch(match -> match.carrier().equals("dhl")));
        assertEquals("ups", REGISTRY.detect("1Z5R89390357567127").carrier());
    }

    @Test
    void theFeedsCarrierNameDecides() {
        final CarrierMatch hinted = REGISTRY.detect("60120172242323", "DHL eCommerce");
        assertEquals("dhl", hinted.carrier());
        assertEquals("DHL eCommerce", hinted.shopifyName());
        final CarrierMatch wrong = REGISTRY.detect("6A15602676301", "COLISSIMO");
        assertEquals("colissimo", wrong.carrier());
        assertFalse(wrong.valid(), "a bad number of the named carrier stays that carrier's, invalid");
        final CarrierMatch colisPrive = REGISTRY.detect("ABC1234567890", "Colis Privé");
        assertTrue(colisPrive.valid());
        assertEquals("Colis Privé", colisPrive.shopifyName());
        assertNull(REGISTRY.detect("ABC1234567890"), "Colis Privé has no checkable format: only by name");
        assertEquals("ups", REGISTRY.detect("1Z5R89390357567127", "some unknown carrier").carrier());
    }

    @Test
    void garbageIsNotATrackingNumber() {
        assertNull(REGISTRY.detect(""));
        assertNull(REGISTRY.detect(null));
        assertNull(REGISTRY.detect("x".repeat(500)));
        assertNull(REGISTRY.detect("HELLO WORLD"));
    }

    @Test
    void overridesAddReplaceAndDisable(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("carriers.json");
        Files.writeString(file, """
                {"carriers": [
                  {"id": "mondial_relay", "disabled": true},
                  {"id": "tnt", "family": "tnt", "name": "TNT", "shopifyName": "TNT Australia", "pattern": "(?<SerialNumber>[0-9]{8})(?<CheckDigit>[0-9])",
                   "lengths": [9, 9], "checkDigit": {"algorithm": "s10"}}
                ]}
                """);
        final CarrierRegistry registry = CarrierRegistry.withOverrides(file);
        assertNull(registry.detect("12345678"));
        assertEquals("TNT Australia", registry.detect("123456785").shopifyName());
        Files.writeString(file, "{\"carriers\": [{\"id\": \"bad\", \"pattern\": \"[0-9]+\", \"checkDigit\": {\"algorithm\": \"mod10\"}}]}");
        assertThrows(IllegalArgumentException.class, () -> CarrierRegistry.withOverrides(file), "no SerialNumber group");
    }
}
