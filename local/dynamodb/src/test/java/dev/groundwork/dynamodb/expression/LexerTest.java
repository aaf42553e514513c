package dev.groundwork.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.expression.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Kind> kinds(String source) {
        return Lexer.tokenize(source).stream().map(Token::kind).toList();
    }

    @Test
    void splitsPathsPlaceholdersAndOperators() {
        assertThat(kinds("#a.b[12] >= :v"))
                .containsExactly(
                        Kind.NAME_PLACEHOLDER,
                        Kind.DOT,
                        Kind.IDENTIFIER,
                        Kind.LEFT_BRACKET,
                        Kind.INTEGER,
                        Kind.RIGHT_BRACKET,
                        Kind.GE,
                        Kind.VALUE_PLACEHOLDER,
                        Kind.END);
    }

    @Test
    void readsTwoCharacterComparators() {
        assertThat(kinds("a<>b<=c<d"))
                .containsExactly(
                        Kind.IDENTIFIER,
                        Kind.NE,
                        Kind.IDENTIFIER,
                        Kind.LE,
                        Kind.IDENTIFIER,
                        Kind.LT,
                        Kind.IDENTIFIER,
                        Kind.END);
    }

    @Test
    void keepsLonePlaceholderMarksAndUnknownCharactersAsTokens() {
        List<Token> tokens = Lexer.tokenize("a : # !");
        assertThat(tokens).extracting(Token::text).containsExactly("a", ":", "#", "!", "");
        assertThat(tokens.get(3).kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void recordsWhereEachTokenIs() {
        Token token = Lexer.tokenize("  abc = 1").get(0);
        assertThat(token.start()).isEqualTo(2);
        assertThat(token.end()).isEqualTo(5);
    }
}
