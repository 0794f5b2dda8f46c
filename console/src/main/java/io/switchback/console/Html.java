package io.switchback.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The page around the content, and escaping: every value from an event goes through {@link #text}. */
final class Html {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
            header{background:#24292f;color:#fff;padding:10px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
            main{padding:16px 24px}h1{font-size:1.5em;margin:8px 0 16px}h2{font-size:1.15em;margin:24px 0 8px}
            table{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
            th,td{border:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eaeef2}
            .colour{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600}
            .colour.blue{background:#0969da}.colour.green{background:#1a7f37}.colour.unknown{background:#8c959f}
            .rolled-back,.failed,.breach{color:#cf222e;font-weight:600}.stable{color:#1a7f37}
            .muted{color:#57606a}.facts td:first-child{width:160px;font-weight:600}
            svg{background:#fff;border:1px solid #d0d7de;margin:4px 0}code{font-size:13px}
            """;

    private Html() {
    }

    /** A whole page; {@code title} is escaped here, {@code body} must already be. */
    static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text(title)
                + " · Switchback</title><style>" + STYLE + "</style></head><body><header><a href=\"/\">Switchback"
                + " status</a></header><main>" + body + "</main></body></html>\n";
    }

    /** Text for an element's content or an attribute's value. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A link to a page of this service, its path segment encoded and the whole escaped. */
    static String link(String path, String segment, String label) {
        return "<a href=\"" + text(path + URLEncoder.encode(segment, StandardCharsets.UTF_8)) + "\">" + text(label)
                + "</a>";
    }

    /** A colour as a badge: blue, green, or unknown. */
    static String colour(String colour) {
        String known = "blue".equals(colour) || "green".equals(colour) ? colour : "unknown";
        return "<span class=\"colour " + known + "\">" + text(colour == null ? "unknown" : colour) + "</span>";
    }
}
