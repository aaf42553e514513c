package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.expression.Problems.Rule;
import dev.groundwork.dynamodb.expression.Token.Kind;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for DynamoDB's expression grammars. Syntax errors stop it at once; semantic errors are
 * collected in {@link Problems} and reported after parsing, in the order AWS reports them.
 *
 * <p>Limits are AWS's: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters
 */
final class Parser {
    private static final int MAX_EXPRESSION_BYTES = 4096;
    private static final int MAX_OPERATORS = 300;
    /** The value tested counts among IN's 100 operands, so it takes at most 99 candidates. */
    private static final int MAX_IN_OPERANDS = 100;

    private static final int MAX_PATH_DEPTH = 32;

    private static final Set<String> CONDITION_KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> UPDATE_KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE");

    private static final List<Rule> CONDITION_ORDER = List.of(
            Rule.TOO_MANY_OPERATORS,
            Rule.REDUNDANT_PARENTHESES,
            Rule.UNKNOWN_FUNCTION,
            Rule.MISUSED_FUNCTION,
            Rule.RESERVED_WORD,
            Rule.UNDEFINED_PLACEHOLDER,
            Rule.PATH_TOO_DEEP,
            Rule.OPERAND_COUNT,
            Rule.NOT_DISTINCT,
            Rule.OPERAND_TYPE);
    private static final List<Rule> UPDATE_ORDER = List.of(
            Rule.TOO_MANY_OPERATORS,
            Rule.RESERVED_WORD,
            Rule.UNKNOWN_FUNCTION,
            Rule.MISUSED_FUNCTION,
            Rule.SECTION_REPEATED,
            Rule.UNDEFINED_PLACEHOLDER,
            Rule.PATH_TOO_DEEP,
            Rule.PATH_OVERLAP,
            Rule.PATH_CONFLICT,
            Rule.OPERAND_TYPE,
            Rule.OPERAND_COUNT);
    private static final List<Rule> PROJECTION_ORDER = List.of(
            Rule.RESERVED_WORD, Rule.UNDEFINED_PLACEHOLDER, Rule.PATH_TOO_DEEP, Rule.PATH_OVERLAP, Rule.PATH_CONFLICT);

    private final String parameter;
    private final String source;
    private final List<Token> tokens;
    private final ExpressionContext context;
    private final Set<String> keywords;
    private final Problems problems = new Problems();
    private final OperandChecks checks;
    /** Nodes that were written in parentheses, to find AWS's "redundant parentheses" ({@code ((a = b))}). */
    private final Set<Object> parenthesized = Collections.newSetFromMap(new IdentityHashMap<>());

    private int position;
    private int operators;

    private Parser(
            String parameter,
            String source,
            ExpressionContext context,
            Set<String> keywords,
            Map<String, Integer> functions) {
        this.parameter = parameter;
        this.source = source;
        this.context = context;
        this.keywords = keywords;
        this.checks = new OperandChecks(problems, functions);
        if (source.isEmpty()) throw invalid("The expression can not be empty;");
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
        this.tokens = Lexer.tokenize(source);
    }

    /** A ConditionExpression, FilterExpression or KeyConditionExpression; {@code parameter} names it in errors. */
    static ConditionNode condition(String parameter, String source, ExpressionContext context) {
        Parser parser = new Parser(parameter, source, context, CONDITION_KEYWORDS, OperandChecks.CONDITION_FUNCTIONS);
        return parser.finish(parser.syntax(parser::orCondition), CONDITION_ORDER);
    }

    static List<UpdateAction> update(String source, ExpressionContext context) {
        Parser parser =
                new Parser("UpdateExpression", source, context, UPDATE_KEYWORDS, OperandChecks.UPDATE_FUNCTIONS);
        return parser.finish(parser.syntax(parser::updateClauses), UPDATE_ORDER);
    }

    static List<DocumentPath> projection(String source, ExpressionContext context) {
        Parser parser = new Parser("ProjectionExpression", source, context, Set.of(), Map.of());
        return parser.finish(parser.syntax(parser::projectionPaths), PROJECTION_ORDER);
    }

    private DynamoDbException invalid(String message) {
        return DynamoDbException.validation("Invalid " + parameter + ": " + message);
    }

    // ---- Driving -------------------------------------------------------------------------------------------------

    private interface Production<T> {
        T parse();
    }

    /** Runs a whole-expression production, which must consume every token, and turns syntax errors into AWS's. */
    private <T> T syntax(Production<T> production) {
        try {
            T result = production.parse();
            if (!peek().is(Kind.END)) throw syntaxError(position);
            return result;
        } catch (SyntaxError error) {
            throw invalid(syntaxMessage(error.index));
        }
    }

    private <T> T finish(T result, List<Rule> order) {
        if (operators > MAX_OPERATORS) {
            problems.report(
                    Rule.TOO_MANY_OPERATORS,
                    "The expression contains too many operators; operator count: " + operators);
        }
        problems.throwFirst(parameter, order);
        return result;
    }

    /** AWS quotes the offending token and the source from the token before it to the token after it. */
    private String syntaxMessage(int index) {
        Token bad = tokens.get(index);
        int from = index > 0 ? tokens.get(index - 1).start() : bad.start();
        int to;
        if (bad.is(Kind.END)) to = index > 0 ? tokens.get(index - 1).end() : bad.end();
        else
            to = tokens.get(index + 1).is(Kind.END)
                    ? bad.end()
                    : tokens.get(index + 1).end();
        return "Syntax error; token: \"" + bad.display() + "\", near: \"" + source.substring(from, Math.max(from, to))
                + "\"";
    }

    /** A syntax error at a token; carries no stack trace, since the parser backtracks through some of them. */
    private static final class SyntaxError extends RuntimeException {
        final int index;

        SyntaxError(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }

    private SyntaxError syntaxError(int index) {
        return new SyntaxError(index);
    }

    // ---- Tokens --------------------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(position);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(position);
        if (!token.is(Kind.END)) position++;
        return token;
    }

    private Token expect(Kind kind) {
        if (!peek().is(kind)) throw syntaxError(position);
        return next();
    }

    private boolean atKeyword(String word) {
        return peek().isKeyword(word);
    }

    private boolean isKeyword(Token token) {
        return token.is(Kind.IDENTIFIER) && keywords.contains(token.text().toUpperCase(Locale.ROOT));
    }

    // ---- Paths and operands --------------------------------------------------------------------------------------

    private DocumentPath path() {
        List<DocumentPath.Element> elements = new ArrayList<>();
        elements.add(new DocumentPath.Key(name()));
        while (true) {
            if (peek().is(Kind.DOT)) {
                next();
                elements.add(new DocumentPath.Key(name()));
            } else if (peek().is(Kind.LEFT_BRACKET)) {
                next();
                elements.add(new DocumentPath.Index(index()));
                expect(Kind.RIGHT_BRACKET);
            } else {
                break;
            }
        }
        if (elements.size() > MAX_PATH_DEPTH) {
            problems.report(
                    Rule.PATH_TOO_DEEP,
                    "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new DocumentPath(elements);
    }

    private String name() {
        Token token = peek();
        if (token.is(Kind.IDENTIFIER) && !isKeyword(token)) {
            next();
            if (ReservedWords.contains(token.text())) {
                problems.report(
                        Rule.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + token.text());
            }
            return token.text();
        }
        if (token.is(Kind.NAME_PLACEHOLDER)) {
            next();
            return context.name(token.text()).orElseGet(() -> {
                problems.report(
                        Rule.UNDEFINED_PLACEHOLDER,
                        "An expression attribute name used in the document path is not defined; attribute name: "
                                + token.text());
                return token.text();
            });
        }
        throw syntaxError(position);
    }

    private int index() {
        int at = position;
        Token token = expect(Kind.INTEGER);
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException tooLarge) {
            throw syntaxError(at);
        }
    }

    private Operand.Literal literal() {
        Token token = expect(Kind.VALUE_PLACEHOLDER);
        AttributeValue value = context.value(token.text()).orElseGet(() -> {
            problems.report(
                    Rule.UNDEFINED_PLACEHOLDER,
                    "An expression attribute value used in expression is not defined; attribute value: "
                            + token.text());
            return null;
        });
        return new Operand.Literal(token.text(), value);
    }

    private Operand operand() {
        Token token = peek();
        if (token.is(Kind.LEFT_PAREN)) {
            next();
            Operand inner = operand();
            expect(Kind.RIGHT_PAREN);
            return parenthesized(inner);
        }
        if (token.is(Kind.VALUE_PLACEHOLDER)) return literal();
        if (token.is(Kind.IDENTIFIER) && !isKeyword(token) && peek(1).is(Kind.LEFT_PAREN)) return call();
        return new Operand.Path(path());
    }

    private <T> T parenthesized(T node) {
        if (!parenthesized.add(node))
            problems.report(Rule.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
        return node;
    }

    private Operand.Call call() {
        Token name = next();
        expect(Kind.LEFT_PAREN);
        List<Operand> arguments = new ArrayList<>();
        arguments.add(operand());
        while (peek().is(Kind.COMMA)) {
            next();
            arguments.add(operand());
        }
        expect(Kind.RIGHT_PAREN);
        operators++;
        Operand.Call call = new Operand.Call(name.text(), arguments);
        checks.function(call);
        return call;
    }

    // ---- Conditions: OR < AND < NOT < comparison, as AWS orders precedence
    // -------------------------------------------

    private ConditionNode orCondition() {
        ConditionNode left = andCondition();
        while (atKeyword("OR")) {
            next();
            operators++;
            left = new ConditionNode.Or(left, andCondition());
        }
        return left;
    }

    private ConditionNode andCondition() {
        ConditionNode left = notCondition();
        while (atKeyword("AND")) {
            next();
            operators++;
            left = new ConditionNode.And(left, notCondition());
        }
        return left;
    }

    private ConditionNode notCondition() {
        if (atKeyword("NOT")) {
            next();
            operators++;
            return new ConditionNode.Not(notCondition());
        }
        return primaryCondition();
    }

    /**
     * A parenthesised condition or a comparison. An opening parenthesis may also start an operand ({@code (a) = :v}),
     * so the parser tries the condition first and backtracks; when both fail it reports the error that got further.
     */
    private ConditionNode primaryCondition() {
        if (!peek().is(Kind.LEFT_PAREN)) return comparison();
        int start = position;
        Problems saved = problems.copy();
        int savedOperators = operators;
        SyntaxError asCondition;
        try {
            next();
            ConditionNode inner = orCondition();
            expect(Kind.RIGHT_PAREN);
            if (!continuesComparison(peek())) return parenthesized(inner);
            asCondition = syntaxError(position);
        } catch (SyntaxError error) {
            asCondition = error;
        }
        position = start;
        problems.restore(saved);
        operators = savedOperators;
        try {
            return comparison();
        } catch (SyntaxError asOperand) {
            throw asOperand.index >= asCondition.index ? asOperand : asCondition;
        }
    }

    private static boolean continuesComparison(Token token) {
        return token.isComparator() || token.isKeyword("BETWEEN") || token.isKeyword("IN");
    }

    private ConditionNode comparison() {
        Operand left = operand();
        Token token = peek();
        if (token.isComparator()) {
            next();
            operators++;
            Operand right = operand();
            return compared(token.text(), left, right);
        }
        if (token.isKeyword("BETWEEN")) {
            next();
            operators++;
            Operand lower = operand();
            if (!atKeyword("AND")) throw syntaxError(position);
            next();
            return between(left, lower, operand());
        }
        if (token.isKeyword("IN")) {
            next();
            operators++;
            return in(left);
        }
        if (left instanceof Operand.Call call) {
            if (call.function().equals("size")) checks.sizeAlone();
            return new ConditionNode.Function(call);
        }
        throw syntaxError(position);
    }

    private ConditionNode compared(String operator, Operand left, Operand right) {
        checks.misused(List.of(left, right));
        checks.distinct(operator, left, right);
        if (!operator.equals("=") && !operator.equals("<>")) {
            checks.ordered(operator, left);
            checks.ordered(operator, right);
        }
        return new ConditionNode.Comparison(operator, left, right);
    }

    private ConditionNode between(Operand value, Operand lower, Operand upper) {
        checks.misused(List.of(value, lower, upper));
        for (Operand operand : List.of(value, lower, upper)) checks.ordered("BETWEEN", operand);
        if (lower instanceof Operand.Literal low
                && upper instanceof Operand.Literal high
                && low.value() != null
                && high.value() != null) {
            checks.betweenBounds(low.value(), high.value());
        }
        return new ConditionNode.Between(value, lower, upper);
    }

    private ConditionNode in(Operand value) {
        expect(Kind.LEFT_PAREN);
        List<Operand> candidates = new ArrayList<>();
        candidates.add(operand());
        while (peek().is(Kind.COMMA)) {
            next();
            candidates.add(operand());
        }
        expect(Kind.RIGHT_PAREN);
        List<Operand> all = new ArrayList<>(candidates);
        all.addFirst(value);
        checks.misused(all);
        if (all.size() > MAX_IN_OPERANDS) {
            problems.report(
                    Rule.OPERAND_COUNT,
                    "The IN operator is provided with too many operands; number of operands: " + all.size());
        }
        return new ConditionNode.In(value, candidates);
    }

    // ---- Update expressions --------------------------------------------------------------------------------------

    private List<UpdateAction> updateClauses() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> sections = new LinkedHashSet<>();
        do {
            Token keyword = peek();
            if (!isKeyword(keyword)) throw syntaxError(position);
            next();
            String section = keyword.text().toUpperCase(Locale.ROOT);
            if (!sections.add(section)) {
                problems.report(
                        Rule.SECTION_REPEATED,
                        "The \"" + section + "\" section can only be used once in an update expression;");
            }
            actions.add(action(section));
            while (peek().is(Kind.COMMA)) {
                next();
                actions.add(action(section));
            }
        } while (!peek().is(Kind.END));
        checks.overlaps(actions.stream().map(UpdateAction::path).toList());
        return actions;
    }

    private UpdateAction action(String section) {
        DocumentPath path = path();
        return switch (section) {
            case "SET" -> {
                expect(Kind.EQ);
                yield new UpdateAction.Set(path, setValue());
            }
            case "REMOVE" -> new UpdateAction.Remove(path);
            case "ADD" -> new UpdateAction.Add(path, setOrNumberOperand("ADD", true));
            case "DELETE" -> new UpdateAction.Delete(path, setOrNumberOperand("DELETE", false));
            default -> throw new IllegalStateException(section);
        };
    }

    /** ADD takes a number or a set, DELETE only a set. */
    private Operand.Literal setOrNumberOperand(String operator, boolean numberAllowed) {
        Operand.Literal literal = literal();
        checks.setOrNumber(operator, literal, numberAllowed);
        return literal;
    }

    /** {@code operand}, {@code operand + operand} or {@code operand - operand}, each side optionally parenthesised. */
    private Operand setValue() {
        Operand left;
        if (peek().is(Kind.LEFT_PAREN)) {
            next();
            left = setValue();
            expect(Kind.RIGHT_PAREN);
        } else {
            left = operand();
        }
        if ((peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) && !(left instanceof Operand.Arithmetic)) {
            char operator = next().text().charAt(0);
            operators++;
            Operand right = operand();
            checks.numeric(String.valueOf(operator), left);
            checks.numeric(String.valueOf(operator), right);
            return new Operand.Arithmetic(left, operator, right);
        }
        return left;
    }

    // ---- Projections ---------------------------------------------------------------------------------------------

    private List<DocumentPath> projectionPaths() {
        List<DocumentPath> paths = new ArrayList<>();
        paths.add(path());
        while (peek().is(Kind.COMMA)) {
            next();
            paths.add(path());
        }
        checks.overlaps(paths);
        return paths;
    }
}
