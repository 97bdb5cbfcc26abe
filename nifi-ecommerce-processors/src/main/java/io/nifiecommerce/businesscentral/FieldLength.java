package io.nifiecommerce.businesscentral;

import java.text.Normalizer;
import java.util.List;

/**
 * Field lengths of BC's Sales Header / Sales Line tables behind the salesOrder API (Text[n] and
 * Code[n] in the base application): longer values make BC refuse the whole order with
 * {@code Application_StringExceededLength}, so they are cut here and the cut reported.
 */
public final class FieldLength {

    public static final int EXTERNAL_DOCUMENT_NUMBER = 35;
    public static final int NAME = 100;
    public static final int CONTACT = 100;
    public static final int ADDRESS_LINE_1 = 100;
    public static final int ADDRESS_LINE_2 = 50;
    public static final int CITY = 30;
    public static final int STATE = 30;
    public static final int POST_CODE = 20;
    public static final int COUNTRY = 10;
    public static final int EMAIL = 80;
    public static final int PHONE = 30;
    public static final int DESCRIPTION = 100;
    public static final int CODE = 20;

    private FieldLength() {
    }

    /**
     * The value in NFC (so a decomposed "é" counts as one character, as BC counts it) cut to
     * {@code max} characters without splitting a surrogate pair; records the field when cut.
     */
    public static String fit(final String value, final int max, final String field, final List<String> truncated) {
        if (value == null) {
            return null;
        }
        final String normalized = Normalizer.normalize(value.trim(), Normalizer.Form.NFC);
        if (normalized.length() <= max) {
            return normalized;
        }
        int end = max;
        if (Character.isHighSurrogate(normalized.charAt(end - 1))) {
            end--;
        }
        truncated.add(field);
        return normalized.substring(0, end);
    }
}
