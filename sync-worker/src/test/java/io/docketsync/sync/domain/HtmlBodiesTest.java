package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HtmlBodiesTest {
    @Test
    void textIsTakenAsItIs() {
        assertEquals("Bring the <bundle> & exhibits\n2nd line", HtmlBodies.asText("text",
                "Bring the <bundle> & exhibits\n2nd line"));
        assertNull(HtmlBodies.asText("html", null));
        assertEquals("Outlook's\nline breaks", HtmlBodies.asText("text", "Outlook's\r\nline breaks"));
    }

    @Test
    void outlooksRenderingOfATextBodyGivesTheTextBack() {
        String html = "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n"
                + "</head>\r\n<body>\r\n<div>Bring the &lt;bundle&gt; &amp; exhibits<br>\r\n2nd line</div>\r\n"
                + "</body>\r\n</html>\r\n";
        assertEquals("Bring the <bundle> & exhibits\n2nd line", HtmlBodies.asText("html", html));
    }

    @Test
    void htmlWrittenInOutlookReadsAsItsText() {
        assertEquals("Agenda\nItem one\nItem two \u00e9", HtmlBodies.asText("HTML",
                "<style>p{color:red}</style><!-- x --><p>Agenda</p><ul><li>Item one</li><li>Item two &#233;</li></ul>"));
        assertEquals("a &bogus; b", HtmlBodies.asText("html", "a &bogus; b"));
    }
}
