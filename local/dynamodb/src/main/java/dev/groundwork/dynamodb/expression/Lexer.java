package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. Never fails: characters it does not know become {@link Kind#OTHER} tokens. */
final class Lexer {
    private final String source;
    private int position;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= source.length()) {
                tokens.add(new Token(Kind.END, "", position, position));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (position < source.length() && " \t\r\n".indexOf(source.charAt(position)) >= 0) position++;
    }

    private Token next() {
        int start = position;
        char c = source.charAt(position);
        if (isIdentifierStart(c)) return word(start, Kind.IDENTIFIER, 0);
        if (isDigit(c)) return digits(start);
        if (c == '#' && continuesWord(position + 1)) return word(start, Kind.NAME_PLACEHOLDER, 1);
        if (c == ':' && continuesWord(position + 1)) return word(start, Kind.VALUE_PLACEHOLDER, 1);
        Kind twoCharacters = position + 1 < source.length() ? pair(c, source.charAt(position + 1)) : null;
        if (twoCharacters != null) return token(twoCharacters, start, start + 2);
        return token(single(c), start, start + Character.charCount(source.codePointAt(start)));
    }

    private Token word(int start, Kind kind, int prefixLength) {
        position = start + prefixLength;
        while (position < source.length() && isIdentifierPart(source.charAt(position))) position++;
        return token(kind, start, position);
    }

    private Token digits(int start) {
        while (position < source.length() && isDigit(source.charAt(position))) position++;
        return token(Kind.INTEGER, start, position);
    }

    private Token token(Kind kind, int start, int end) {
        position = end;
        return new Token(kind, source.substring(start, end), start, end);
    }

    private boolean continuesWord(int index) {
        return index < source.length() && isIdentifierPart(source.charAt(index));
    }

    private static Kind pair(char first, char second) {
        if (first == '<' && second == '>') return Kind.NE;
        if (first == '<' && second == '=') return Kind.LE;
        if (first == '>' && second == '=') return Kind.GE;
        return null;
    }

    private static Kind single(char c) {
        return switch (c) {
            case '(' -> Kind.LEFT_PAREN;
            case ')' -> Kind.RIGHT_PAREN;
            case '[' -> Kind.LEFT_BRACKET;
            case ']' -> Kind.RIGHT_BRACKET;
            case '.' -> Kind.DOT;
            case ',' -> Kind.COMMA;
            case '=' -> Kind.EQ;
            case '<' -> Kind.LT;
            case '>' -> Kind.GT;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            default -> Kind.OTHER;
        };
    }

    /** A bare name starts with a letter; AWS's lexer sees {@code _abc} as the token {@code _} and then {@code abc}. */
    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
