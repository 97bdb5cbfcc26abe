package io.nifiecommerce.amazon;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code carrierCode} of a package for confirmShipment. Amazon accepts only the values of its own carrier list (the
 * CarrierCode enumeration of its feed schema {@code amzn-base.xsd}, the list Seller Central offers) and {@code Other},
 * with the carrier's name in {@code carrierName}, for a carrier not on it. The bundle's carrier families (as tracking
 * detection names them) map to the values below where the list has them; a seller adds or corrects codes per family.
 */
public final class AmazonCarrierCodes {

    /** Amazon's code for a carrier not on its list; {@code carrierName} is then required. */
    public static final String OTHER = "Other";

    /** Families of the bundle's carrier registry whose carrier Amazon lists, with the value Amazon lists. */
    static final Map<String, String> LISTED = Map.ofEntries(
            Map.entry("colissimo", "Colissimo"),
            Map.entry("laposte", "La Poste"),
            Map.entry("chronopost", "Chronopost"),
            Map.entry("colis_prive", "Colis Prive"),
            Map.entry("dpd", "DPD"),
            Map.entry("gls", "GLS"),
            Map.entry("tnt", "TNT"),
            Map.entry("dhl", "DHL"),
            Map.entry("ups", "UPS"),
            Map.entry("usps", "USPS"),
            Map.entry("fedex", "FedEx"),
            Map.entry("canada_post", "Canada Post"),
            Map.entry("ontrac", "OnTrac"),
            Map.entry("lasership", "Lasership"),
            Map.entry("yodel", "Yodel"),
            Map.entry("amazon", "Amazon Shipping"));

    /** A package's carrier as Amazon takes it: a listed code, or Other with the name. */
    public record Carrier(String code, String name) {
    }

    private final Map<String, String> codes;

    /** @param overrides the seller's codes per carrier family (lower case), added to or replacing the listed ones */
    public AmazonCarrierCodes(final Map<String, String> overrides) {
        final Map<String, String> all = new HashMap<>(LISTED);
        overrides.forEach((family, code) -> all.put(family.trim().toLowerCase(Locale.ROOT), code.trim()));
        this.codes = Map.copyOf(all);
    }

    /**
     * @param family the carrier family tracking detection named (e.g. {@code colissimo}), or null
     * @param displayName the carrier's name as the feed or detection gave it (e.g. {@code Mondial Relay}), or null
     * @return the carrier, or null when there is neither a known family nor a name to send
     */
    public Carrier of(final String family, final String displayName) {
        final String code = family == null ? null : codes.get(family.trim().toLowerCase(Locale.ROOT));
        if (code != null && !code.equalsIgnoreCase(OTHER)) {
            return new Carrier(code, null);
        }
        final String name = displayName != null && !displayName.isBlank() ? displayName.trim()
                : family != null && !family.isBlank() ? family.trim() : null;
        return name == null ? null : new Carrier(OTHER, name);
    }
}
