package io.nifiecommerce.businesscentral;

/** What a lookup made of one order: a value, or the error code and message that send the order to failure. */
public record Resolution<T>(T value, String errorCode, String errorMessage) {

    public static <T> Resolution<T> of(final T value) {
        return new Resolution<>(value, null, null);
    }

    public static <T> Resolution<T> failed(final String code, final String message) {
        return new Resolution<>(null, code, message);
    }

    public boolean isResolved() {
        return errorCode == null;
    }
}
