package io.nifiecommerce.order;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmountTest {

    @Test
    void readsWhatOrdersCarry() {
        assertEquals(new BigDecimal("19.90"), Amount.parse(" 19.90 "));
        assertEquals(new BigDecimal("0.2"), Amount.parse("0.2"));
        assertEquals(new BigDecimal("-3"), Amount.parse("-3"));
        assertEquals(new BigDecimal("1.0E-5"), Amount.parse("1.0E-5"));
        assertEquals(new BigDecimal("999999999999999999.99"), Amount.parse("999999999999999999.99"));
    }

    @Test
    void refusesWhatNoOrderCarriesWithTheValueQuoted() {
        assertEquals("'1e99999999' is out of range (at most 18 digits before the decimal point and 20 after)",
                assertThrows(NumberFormatException.class, () -> Amount.parse("1e99999999")).getMessage());
        assertThrows(NumberFormatException.class, () -> Amount.parse("1E-21"));
        assertThrows(NumberFormatException.class, () -> Amount.parse("1234567890123456789"));
        assertEquals("'62,60' is not a decimal number", assertThrows(NumberFormatException.class, () -> Amount.parse("62,60")).getMessage());
        assertEquals("'Infinity' is not a decimal number", assertThrows(NumberFormatException.class, () -> Amount.parse("Infinity")).getMessage());
        final String message = assertThrows(NumberFormatException.class, () -> Amount.parse("9".repeat(100_000))).getMessage();
        assertTrue(message.length() < 100, "a huge value is not copied into the message");
    }
}
