package io.nifiecommerce.edi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who a GLN is in Business Central: the customer a buyer's GLN (NAD+BY) orders as, and the ship-to a delivery GLN
 * (NAD+DP) stands for. Read from CSV text with a header line and the columns
 * {@code gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode} (the last six optional);
 * values may be quoted with double quotes (to hold a comma). BC's API v2.0 customers page has no GLN field, hence
 * the table.
 */
public final class PartyDirectory {

    private static final List<String> COLUMNS = List.of("gln", "customerNumber", "shipToCode", "name", "address1", "address2", "city",
            "postalCode", "countryCode");

    private final Map<String, Party> parties;

    private PartyDirectory(final Map<String, Party> parties) {
        this.parties = Map.copyOf(parties);
    }

    /**
     * A party of the directory.
     *
     * @param customerNumber the BC customer number (salesOrder.customerNumber) the GLN orders as; null for a delivery point only
     * @param shipToCode the BC ship-to address code of a delivery point, or null
     */
    public record Party(String gln, String customerNumber, String shipToCode, String name, String address1, String address2, String city,
                        String postalCode, String countryCode) {
    }

    public static PartyDirectory parse(final String csv) {
        final Map<String, Party> parties = new HashMap<>();
        final String[] lines = csv == null ? new String[0] : csv.split("\\r?\\n");
        Map<String, Integer> header = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            final List<String> values = split(lines[i], i + 1);
            if (header == null) {
                header = new HashMap<>();
                for (int c = 0; c < values.size(); c++) {
                    header.put(values.get(c).trim().toLowerCase(Locale.ROOT), c);
                }
                if (!header.containsKey("gln") || !header.containsKey("customernumber")) {
                    throw new IllegalArgumentException("GLN table: the header line needs the columns gln and customerNumber, found " + values);
                }
                continue;
            }
            final String[] row = new String[COLUMNS.size()];
            for (int c = 0; c < COLUMNS.size(); c++) {
                final Integer index = header.get(COLUMNS.get(c).toLowerCase(Locale.ROOT));
                final String value = index == null || index >= values.size() ? null : values.get(index).trim();
                row[c] = value == null || value.isEmpty() ? null : value;
            }
            if (row[0] == null) {
                throw new IllegalArgumentException("GLN table line " + (i + 1) + ": no GLN");
            }
            if (parties.put(row[0], new Party(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8])) != null) {
                throw new IllegalArgumentException("GLN table line " + (i + 1) + ": GLN " + row[0] + " appears twice");
            }
        }
        return new PartyDirectory(parties);
    }

    public Optional<Party> find(final String gln) {
        return gln == null ? Optional.empty() : Optional.ofNullable(parties.get(gln.trim()));
    }

    public int size() {
        return parties.size();
    }

    private static List<String> split(final String line, final int number) {
        final List<String> values = new ArrayList<>();
        final StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("GLN table line " + number + ": unterminated quote");
        }
        values.add(value.toString());
        return values;
    }
}
