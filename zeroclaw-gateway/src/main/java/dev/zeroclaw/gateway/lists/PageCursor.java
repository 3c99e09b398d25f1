package dev.zeroclaw.gateway.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.mcp.McpError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a gateway list starts, as the opaque {@code cursor} MCP hands the client.
 *
 * @param offset the index of the page's first entry in the union
 */
record PageCursor(int offset) {

    private static final String TAG = "offset:";

    PageCursor {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    /** The cursor text for {@code nextCursor}. */
    String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TAG + offset).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent; absent or null means the first page.
     *
     * @throws McpError (invalid params) for a cursor the gateway did not hand out
     */
    static PageCursor parse(JsonNode cursor) {
        if (cursor.isMissingNode() || cursor.isNull()) {
            return new PageCursor(0);
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.asText()), StandardCharsets.UTF_8);
            if (text.startsWith(TAG)) {
                int offset = Integer.parseInt(text.substring(TAG.length()));
                if (offset >= 0) {
                    return new PageCursor(offset);
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the error below.
        }
        throw new McpError(McpError.INVALID_PARAMS, "invalid cursor '" + cursor.asText() + "'; use the nextCursor of the previous page");
    }
}
