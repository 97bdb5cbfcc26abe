package io.nifiecommerce.sandbox.bc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parts of an AL page object that define an API's contract: page properties, the
 * {@code field(...)} and {@code part(...)} controls of its layout with their properties, and its
 * {@code [ServiceEnabled]} procedures. Trigger code is skipped, not interpreted: a control's
 * properties are those written before its first {@code trigger}. An API query object
 * ({@code QueryType = API}) reads the same way: its {@code column(...)}s are read-only fields.
 */
public final class AlPageParser {

    private static final Pattern HEADER = Pattern.compile("\\b(page|query)\\s+(\\d+)\\s+(\"[^\"]*\"|\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTY = Pattern.compile("(\\w+)\\s*=\\s*((?:'(?:[^']|'')*'|[^;'])*);");
    /** A control and its name, a plain or a quoted identifier ({@code field("code"; Rec.Name)}: code is an AL keyword). */
    private static final Pattern CONTROL = Pattern.compile("\\b(field|part|column)\\s*\\(\\s*\"?(\\w+)\"?\\s*;", Pattern.CASE_INSENSITIVE);
    private static final Pattern LAYOUT = Pattern.compile("\\b(layout|elements)\\s*\\{", Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVICE_ENABLED = Pattern.compile(
            "\\[ServiceEnabled]\\s*(?:\\[[^]]*]\\s*)*procedure\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRIGGER = Pattern.compile("\\btrigger\\b", Pattern.CASE_INSENSITIVE);

    private AlPageParser() {
    }

    /** @throws IllegalArgumentException when the text is not an API page or API query */
    public static AlPage parse(final String source) {
        final String text = withoutComments(source);
        final Matcher header = HEADER.matcher(text);
        if (!header.find()) {
            throw new IllegalArgumentException("not an AL page or query object: no 'page <id> <name>' header");
        }
        final boolean query = header.group(1).equalsIgnoreCase("query");
        final int bodyStart = text.indexOf('{', header.end());
        final Matcher layoutStart = LAYOUT.matcher(text);
        if (bodyStart < 0 || !layoutStart.find(bodyStart)) {
            throw new IllegalArgumentException(header.group(1) + " " + header.group(3) + " has no layout or elements");
        }
        final Map<String, String> page = properties(text.substring(bodyStart + 1, layoutStart.start()));
        if (!"API".equalsIgnoreCase(page.get(query ? "QueryType" : "PageType"))) {
            throw new IllegalArgumentException(header.group(1) + " " + header.group(3) + " is not an API " + header.group(1));
        }
        final int layoutEnd = closingBrace(text, layoutStart.end() - 1);
        final List<AlPage.Field> fields = new ArrayList<>();
        final List<AlPage.Part> parts = new ArrayList<>();
        final Matcher control = CONTROL.matcher(text).region(layoutStart.end(), layoutEnd);
        while (control.find()) {
            final int argumentsEnd = closingParenthesis(text, control.end());
            final int blockStart = text.indexOf('{', argumentsEnd);
            final int blockEnd = closingBrace(text, blockStart);
            String block = text.substring(blockStart + 1, blockEnd);
            final Matcher trigger = TRIGGER.matcher(block);
            if (trigger.find()) {
                block = block.substring(0, trigger.start());
            }
            final Map<String, String> props = properties(block);
            final String name = control.group(2);
            final String argument = text.substring(control.end(), argumentsEnd).trim();
            if (control.group(1).equalsIgnoreCase("column")) {
                fields.add(new AlPage.Field(name, argument, false));
            } else if (control.group(1).equalsIgnoreCase("field")) {
                fields.add(new AlPage.Field(name, argument, !"false".equalsIgnoreCase(props.get("Editable"))));
            } else {
                parts.add(new AlPage.Part(name, unquote(argument), unquote(props.get("EntityName")), unquote(props.get("EntitySetName"))));
            }
            control.region(blockEnd, layoutEnd);
        }
        final List<String> actions = new ArrayList<>();
        final Matcher action = SERVICE_ENABLED.matcher(text);
        while (action.find()) {
            actions.add(action.group(1));
        }
        final boolean editable = !query && !"false".equalsIgnoreCase(page.get("Editable"));
        return new AlPage(Integer.parseInt(header.group(2)), unquote(header.group(3)), unquote(page.get("APIPublisher")),
                unquote(page.get("APIGroup")), unquote(page.get("APIVersion")), unquote(page.get("EntityName")),
                unquote(page.get("EntitySetName")), editable && allowed(page, "InsertAllowed"), editable && allowed(page, "ModifyAllowed"),
                editable && allowed(page, "DeleteAllowed"), List.copyOf(fields), List.copyOf(parts), List.copyOf(actions));
    }

    private static boolean allowed(final Map<String, String> properties, final String name) {
        return !"false".equalsIgnoreCase(properties.get(name));
    }

    /** The {@code Name = value;} statements of a block, at its own level (nested blocks are skipped). */
    private static Map<String, String> properties(final String block) {
        final StringBuilder flat = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < block.length(); i++) {
            final char c = block.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                depth--;
                continue;
            }
            if (depth == 0) {
                flat.append(c);
            }
        }
        final Map<String, String> properties = new LinkedHashMap<>();
        final Matcher m = PROPERTY.matcher(flat);
        while (m.find()) {
            properties.putIfAbsent(m.group(1), m.group(2).trim());
        }
        return properties;
    }

    private static int closingBrace(final String text, final int open) {
        return closing(text, open, '{', '}');
    }

    private static int closingParenthesis(final String text, final int afterOpen) {
        return closing(text, afterOpen - 1, '(', ')');
    }

    /** Index of the bracket closing the one at (or, for parentheses, opened before) {@code open}; quotes are skipped. */
    private static int closing(final String text, final int open, final char opening, final char closing) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth <= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '" + opening + "' at offset " + open);
    }

    /** The text with {@code //} and {@code /* *}{@code /} comments blanked out (strings kept). */
    static String withoutComments(final String source) {
        final StringBuilder out = new StringBuilder(source.length());
        char quote = 0;
        for (int i = 0; i < source.length(); i++) {
            final char c = source.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                final int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(final String value) {
        if (value == null) {
            return null;
        }
        final String v = value.trim();
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }
}
