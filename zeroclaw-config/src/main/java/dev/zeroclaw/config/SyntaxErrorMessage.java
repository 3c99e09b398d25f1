package dev.zeroclaw.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tomlj syntax error message made safe to print.
 *
 * <p>tomlj quotes the unexpected token, and a bare token can be a secret the user forgot to quote
 * ({@code Authorization = "Bearer" sk-live-123}). Syntax errors come before any schema check, so
 * the token cannot be known to belong to {@code env} or {@code headers}: any token longer than one
 * character is left out; the position still points at it.
 */
final class SyntaxErrorMessage {

    private static final Pattern UNEXPECTED_TOKEN = Pattern.compile("^Unexpected '(.*?)', expected");
    private static final Pattern ESCAPED_CHARACTER = Pattern.compile("\\\\(u[0-9a-fA-F]{4}|[btnfr])");

    private SyntaxErrorMessage() {}

    static String redacted(String message) {
        Matcher matcher = UNEXPECTED_TOKEN.matcher(message);
        if (!matcher.find()) {
            return message;
        }
        String token = matcher.group(1);
        boolean oneCharacter = token.codePointCount(0, token.length()) == 1
                || ESCAPED_CHARACTER.matcher(token).matches();
        return oneCharacter ? message : "Unexpected text, expected" + message.substring(matcher.end());
    }
}
