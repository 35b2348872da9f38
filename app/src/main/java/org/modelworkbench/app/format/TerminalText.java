package org.modelworkbench.app.format;

/**
 * Makes text from a file safe to print on a terminal: control characters (newlines, tabs, escape
 * sequences, C1 controls) and the bidirectional overrides that reorder what a reader sees are
 * written as escapes ({@code \n}, {@code \t}, {@code \r}, {@code \u001b} …), so a design's name can
 * neither rewrite the user's terminal nor fake extra lines of output.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every control character escaped; null stays "null". */
    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (escape != null) {
                    b.append(escape);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return null;
            default:
                break;
        }
        boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
        boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
        return control || bidi ? String.format("\\u%04x", (int) c) : null;
    }
}
