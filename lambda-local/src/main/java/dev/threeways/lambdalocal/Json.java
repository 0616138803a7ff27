package dev.threeways.lambdalocal;

/** The little JSON the emulator writes itself: Lambda's error documents for timeouts and runtime exits. */
final class Json {

    private Json() {
    }

    /** {@code {"errorType":"..","errorMessage":".."}}, the order Lambda uses for the errors it makes itself. */
    static String error(String errorType, String errorMessage) {
        return "{\"errorType\":" + quote(errorType) + ",\"errorMessage\":" + quote(errorMessage) + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
