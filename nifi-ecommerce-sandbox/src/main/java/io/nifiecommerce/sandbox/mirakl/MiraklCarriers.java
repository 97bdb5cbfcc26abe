package io.nifiecommerce.sandbox.mirakl;

import java.util.Map;

/**
 * The carriers registered on the simulated marketplace (the operator's list, which SH21 would return): OR23 takes a
 * registered carrier by code and computes its tracking URL, or an unregistered one by name.
 */
final class MiraklCarriers {

    static final Map<String, String> REGISTERED = Map.of(
            "COLISSIMO", "Colissimo",
            "CHRONOPOST", "Chronopost",
            "DPD", "DPD France",
            "GLS", "GLS",
            "UPS", "UPS",
            "DHL", "DHL Express");

    private MiraklCarriers() {
    }

    static String url(final String code, final String trackingNumber) {
        return "https://tracking.example/" + code.toLowerCase(java.util.Locale.ROOT) + "/" + trackingNumber;
    }
}
