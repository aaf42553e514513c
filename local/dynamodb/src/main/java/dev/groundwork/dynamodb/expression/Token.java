package dev.groundwork.dynamodb.expression;

/** One lexical token of an expression, with its place in the source for AWS's "near" context. */
record Token(Kind kind, String text, int start, int end) {
    enum Kind {
        IDENTIFIER,
        NAME_PLACEHOLDER,
        VALUE_PLACEHOLDER,
        INTEGER,
        LEFT_PAREN,
        RIGHT_PAREN,
        LEFT_BRACKET,
        RIGHT_BRACKET,
        DOT,
        COMMA,
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        PLUS,
        MINUS,
        /** A character the grammar has no use for, or a lone {@code #} or {@code :}. */
        OTHER,
        END
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    /** Keywords (AND, SET, ...) are identifiers to the lexer, matched without regard to case. */
    boolean isKeyword(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    boolean isComparator() {
        return switch (kind) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }

    /** How AWS names the token in a syntax error. */
    String display() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}
