package io.docketsync.api;

import java.util.regex.Pattern;

/** Rules every text input of the APIs follows, whatever field it is. No I/O. */
public final class TextRules {
    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";
    /**
     * User ids and firm ids as identity providers issue them (e.g. Entra ID's object ids and {@code sub}s); the
     * restriction also keeps them safe inside JSON, LIKE patterns, keys such as {@code firm/user} and log lines.
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private TextRules() {
    }

    public static boolean hasNul(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }

    /** Any ISO control character (C0, DEL, C1): none belongs in an id or a path segment. */
    public static boolean hasControl(String s) {
        return s != null && s.chars().anyMatch(Character::isISOControl);
    }

    /** The text with control characters shown as {@code \\uXXXX}, safe to echo in a problem's detail. */
    public static String visible(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.append((char) c);
            }
        });
        return b.toString();
    }
}
