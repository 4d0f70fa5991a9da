package io.docketsync.simulator.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event bodies as Outlook keeps them: Graph answers HTML unless the request prefers text
 * ({@code Prefer: outlook.body-content-type="text"}). A body written as text is answered, in HTML, as Outlook's
 * rendering of it (an HTML document, the text escaped, line breaks as {@code <br>}) and, as text, as written; a
 * body written as HTML is answered, as text, by Outlook's conversion (tags dropped, breaks as CRLF, entities
 * decoded).
 */
final class OutlookBody {
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|table|ul|ol)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    private OutlookBody() {
    }

    /** The body as Graph answers it: {contentType, content} for the stored body and the preferred type. */
    static String[] answer(String storedType, String storedContent, boolean preferText) {
        boolean storedText = "text".equalsIgnoreCase(storedType);
        String content = storedContent == null ? "" : storedContent;
        if (preferText) {
            return new String[] {"text", storedText ? content : toText(content)};
        }
        return new String[] {"html", storedText ? toHtml(content) : content};
    }

    /** Graph's bodyPreview: the first 255 characters of the text, its whitespace runs as single spaces. */
    static String preview(String storedType, String storedContent) {
        String text = answer(storedType, storedContent, true)[1].replaceAll("\\s+", " ").strip();
        return text.length() > 255 ? text.substring(0, 255) : text;
    }

    /** Outlook's HTML for a text body. */
    static String toHtml(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        String lines = String.join("<br>\r\n", escaped.split("\r\n|\r|\n", -1));
        return "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n"
                + "</head>\r\n<body>\r\n<div>" + lines + "</div>\r\n</body>\r\n</html>\r\n";
    }

    /** Outlook's text for an HTML body. */
    static String toText(String html) {
        String s = COMMENT.matcher(html).replaceAll("");
        s = INVISIBLE.matcher(s).replaceAll("");
        s = s.replaceAll("\\s+", " "); // in HTML a line break in the source is a space
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        s = s.replaceAll("[ \\t\\u00a0]*\n[ \\t\\u00a0]*", "\n").replace('\u00a0', ' ').strip();
        return s.replace("\n", "\r\n");
    }

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
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
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
