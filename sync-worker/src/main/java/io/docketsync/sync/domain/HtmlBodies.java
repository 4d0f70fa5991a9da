package io.docketsync.sync.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event bodies as an activity's notes: plain text. The worker asks Graph for text bodies
 * ({@code Prefer: outlook.body-content-type="text"}); a body that still arrives as HTML (a server that ignored the
 * preference) is turned into the text a reader sees: invisible parts dropped, block ends and {@code <br>} as line
 * breaks, tags dropped, entities decoded.
 */
public final class HtmlBodies {
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|table|ul|ol)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    private HtmlBodies() {
    }

    /**
     * The body's text: as Graph answered it when text, converted when HTML; line breaks as {@code \n} either way
     * (Outlook's text has CRLF; an activity's notes are written with LF).
     */
    public static String asText(String contentType, String content) {
        if (content == null) {
            return null;
        }
        String text = "html".equalsIgnoreCase(contentType) ? toText(content) : content;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String toText(String html) {
        String s = COMMENT.matcher(html).replaceAll("");
        s = INVISIBLE.matcher(s).replaceAll("");
        s = s.replaceAll("\\s+", " "); // a line break in HTML source is a space
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        return s.replaceAll("[ \\t\\u00a0]*\n[ \\t\\u00a0]*", "\n").replace('\u00a0', ' ').strip();
    }

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            try {
                if (name.startsWith("#x") || name.startsWith("#X")) {
                    value = new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
                } else if (name.startsWith("#")) {
                    value = new String(Character.toChars(Integer.parseInt(name.substring(1))));
                } else {
                    value = switch (name.toLowerCase(Locale.ROOT)) {
                        case "amp" -> "&";
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        case "nbsp" -> "\u00a0";
                        default -> m.group();
                    };
                }
            } catch (IllegalArgumentException notACharacter) {
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
