package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckDigitTest {

    @Test
    void s10FollowsTheUpuRule() {
        final S10CheckDigit s10 = new S10CheckDigit();
        // 1*8+2*6+3*4+4*2+5*3+6*5+7*9+8*7 = 204, 204 mod 11 = 6, 11-6 = 5
        assertEquals(5, s10.compute("12345678"));
        assertTrue(s10.isValid("12345678", "5"));
        assertFalse(s10.isValid("12345678", "6"));
        // remainder 0 gives 5, remainder 1 gives 0
        assertEquals(5, s10.compute("00000000"));
        assertEquals(6, s10.compute("00000030"), "3 x weight 9 = 27, 27 mod 11 = 5, 11 - 5 = 6");
    }

    @Test
    void s10RemainderOneGivesZero() {
        final S10CheckDigit s10 = new S10CheckDigit();
        // 8th digit weight 7: 7*8 = 56 = 5*11 + 1 -> remainder 1 -> check 0
        assertEquals(0, s10.compute("00000008"));
        assertEquals(-1, s10.compute("1234567"), "wrong length");
        assertEquals(-1, s10.compute("1234567A"));
    }

    @Test
    void mod7IsTheSerialModuloSeven() {
        final Mod7CheckDigit mod7 = new Mod7CheckDigit();
        assertEquals(331881002L % 7, mod7.compute("331881002"));
        assertTrue(mod7.isValid("331881002", "5"));
        assertFalse(mod7.isValid("331881002", "4"));
        assertEquals((int) (7389105114L % 7), mod7.compute("7389105114"), "10-digit serial beyond int range");
    }

    @Test
    void mod10UpsConvertsLettersAndDoublesOddPositions() {
        final Mod10CheckDigit ups = new Mod10CheckDigit(1, 2, false, 0);
        assertTrue(ups.isValid("5R8939035756712", "7"));
        assertFalse(ups.isValid("5R8939035756712", "8"));
    }

    @Test
    void mod10FromTheRightWithWeightsThreeOneIsGs1AndColissimo() {
        final Mod10CheckDigit gs1 = new Mod10CheckDigit(3, 1, true, 0);
        assertEquals(0, gs1.compute("1560267630"));
        assertEquals(1, gs1.compute("1560268384"));
        // EAN-13 4006381333931
        assertEquals(1, gs1.compute("400638133393"));
    }

    @Test
    void glsAddsOneBeforeTheModulo() {
        final Mod10CheckDigit gls = new Mod10CheckDigit(3, 1, true, 1);
        assertEquals(1, gls.compute("12345678901"));
        assertEquals(8, gls.compute("12345678902"));
    }

    @Test
    void luhnOnAKnownNumber() {
        final Luhn luhn = new Luhn();
        assertEquals(3, luhn.compute("7992739871"));
        assertTrue(luhn.isValid("7992739871", "3"));
        assertFalse(luhn.isValid("7992739871", "4"));
    }

    @Test
    void mod37_36OnDpdNumbers() {
        final Mod37_36 mod = new Mod37_36(Mod37_36.DEFAULT_ALPHABET);
        assertEquals('D', mod.compute("09980000020034"));
        assertEquals('F', mod.compute("09980000020033"));
        assertEquals('C', mod.compute("00818270998000002003335027"  + "6"));
        assertTrue(mod.isValid("09980000020034", "d"), "check character is case-insensitive");
        assertFalse(mod.isValid("0998000002003?", "D"));
    }

    @Test
    void sumProductWithFedExWeightings() {
        final SumProductWithWeightings fedex = new SumProductWithWeightings(new int[]{3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1}, 11, 10);
        assertTrue(fedex.isValid("98657878885", "5"));
        assertFalse(fedex.isValid("99657878885", "5"));
    }

    @Test
    void definitionsBuildTheirAlgorithm() throws Exception {
        final ObjectMapper mapper = new ObjectMapper();
        assertInstanceOf(Mod37_36.class, CheckDigit.fromDefinition(mapper.readTree("{\"algorithm\":\"mod_37_36\"}")));
        assertInstanceOf(S10CheckDigit.class, CheckDigit.fromDefinition(mapper.readTree("{\"algorithm\":\"s10\"}")));
        assertThrows(IllegalArgumentException.class, () -> CheckDigit.fromDefinition(mapper.readTree("{\"algorithm\":\"crc32\"}")));
        assertThrows(IllegalArgumentException.class,
                () -> CheckDigit.fromDefinition(mapper.readTree("{\"algorithm\":\"sum_product_with_weightings_and_modulo\"}")));
    }
}
