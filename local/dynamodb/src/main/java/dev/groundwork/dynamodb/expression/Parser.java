package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.expression.Problems.Rule;
import dev.groundwork.dynamodb.expression.Token.Kind;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
  private static final int MAX_IN_OPERANDS = 100;
  private static final int MAX_PATH_DEPTH = 32;

  private static final Set<String> CONDITION_KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
  private static final Set<String> UPDATE_KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE");
  private static final Map<String, Integer> CONDITION_FUNCTIONS = Map.of(
      "attribute_exists", 1, "attribute_not_exists", 1, "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);
  private static final Map<String, Integer> UPDATE_FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);
  private static final Set<String> ORDERED_TYPES = Set.of("N", "S", "B");
  private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");

  private static final List<Rule> CONDITION_ORDER = List.of(Rule.TOO_MANY_OPERATORS, Rule.REDUNDANT_PARENTHESES,
      Rule.UNKNOWN_FUNCTION, Rule.MISUSED_FUNCTION, Rule.RESERVED_WORD, Rule.UNDEFINED_PLACEHOLDER, Rule.PATH_TOO_DEEP,
      Rule.OPERAND_COUNT, Rule.NOT_DISTINCT, Rule.OPERAND_TYPE);
  private static final List<Rule> UPDATE_ORDER = List.of(Rule.TOO_MANY_OPERATORS, Rule.RESERVED_WORD,
      Rule.UNKNOWN_FUNCTION, Rule.SECTION_REPEATED, Rule.UNDEFINED_PLACEHOLDER, Rule.PATH_TOO_DEEP, Rule.PATH_OVERLAP,
      Rule.PATH_CONFLICT, Rule.OPERAND_TYPE, Rule.OPERAND_COUNT);
  private static final List<Rule> PROJECTION_ORDER = List.of(Rule.RESERVED_WORD, Rule.UNDEFINED_PLACEHOLDER,
      Rule.PATH_TOO_DEEP, Rule.PATH_OVERLAP, Rule.PATH_CONFLICT);

  private final String parameter;
  private final String source;
  private final List<Token> tokens;
  private final ExpressionContext context;
  private final Set<String> keywords;
  private final Map<String, Integer> functions;
  private final Problems problems = new Problems();
  /** Nodes that were written in parentheses, to find AWS's "redundant parentheses" ({@code ((a = b))}). */
  private final Set<Object> parenthesized = Collections.newSetFromMap(new IdentityHashMap<>());
  private int position;
  private int operators;

  private Parser(String parameter, String source, ExpressionContext context, Set<String> keywords, Map<String, Integer> functions) {
    this.parameter = parameter;
    this.source = source;
    this.context = context;
    this.keywords = keywords;
    this.functions = functions;
    if (source.isEmpty()) throw invalid("The expression can not be empty;");
    int bytes = source.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_EXPRESSION_BYTES) {
      throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + bytes);
    }
    this.tokens = Lexer.tokenize(source);
  }

  /** A ConditionExpression, FilterExpression or KeyConditionExpression; {@code parameter} names it in errors. */
  static ConditionNode condition(String parameter, String source, ExpressionContext context) {
    Parser parser = new Parser(parameter, source, context, CONDITION_KEYWORDS, CONDITION_FUNCTIONS);
    return parser.finish(parser.syntax(parser::orCondition), CONDITION_ORDER);
  }

  static List<UpdateAction> update(String source, ExpressionContext context) {
    Parser parser = new Parser("UpdateExpression", source, context, UPDATE_KEYWORDS, UPDATE_FUNCTIONS);
    return parser.finish(parser.syntax(parser::updateClauses), UPDATE_ORDER);
  }

  static List<DocumentPath> projection(String source, ExpressionContext context) {
    Parser parser = new Parser("ProjectionExpression", source, context, Set.of(), Map.of());
    return parser.finish(parser.syntax(parser::projectionPaths), PROJECTION_ORDER);
  }

  DynamoDbException invalid(String message) {
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
      problems.report(Rule.TOO_MANY_OPERATORS, "The expression contains too many operators; operator count: " + operators);
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
    else to = tokens.get(index + 1).is(Kind.END) ? bad.end() : tokens.get(index + 1).end();
    return "Syntax error; token: \"" + bad.display() + "\", near: \"" + source.substring(from, Math.max(from, to)) + "\"";
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
    return token.is(Kind.IDENTIFIER) && keywords.contains(token.text().toUpperCase(java.util.Locale.ROOT));
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
      problems.report(Rule.PATH_TOO_DEEP, "The document path has too many nesting levels; nesting levels: " + elements.size());
    }
    return new DocumentPath(elements);
  }

  private String name() {
    Token token = peek();
    if (token.is(Kind.IDENTIFIER) && !isKeyword(token)) {
      next();
      if (ReservedWords.contains(token.text())) {
        problems.report(Rule.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + token.text());
      }
      return token.text();
    }
    if (token.is(Kind.NAME_PLACEHOLDER)) {
      next();
      return context.name(token.text()).orElseGet(() -> {
        problems.report(Rule.UNDEFINED_PLACEHOLDER,
            "An expression attribute name used in the document path is not defined; attribute name: " + token.text());
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
      problems.report(Rule.UNDEFINED_PLACEHOLDER,
          "An expression attribute value used in expression is not defined; attribute value: " + token.text());
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
    if (!parenthesized.add(node)) problems.report(Rule.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
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
    checkFunction(call);
    return call;
  }

  private void checkFunction(Operand.Call call) {
    String function = call.function();
    Integer arity = functions.get(function);
    if (arity == null) {
      problems.report(Rule.UNKNOWN_FUNCTION, "Invalid function name; function: " + function);
      return;
    }
    if (arity != call.arguments().size()) {
      problems.report(Rule.OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function: "
          + function + ", number of operands: " + call.arguments().size());
      return;
    }
    if (functions == CONDITION_FUNCTIONS) checkMisused(call.arguments());
    if (arity == 2) checkDistinct(function, call.arguments().get(0), call.arguments().get(1));
    switch (function) {
      case "attribute_exists", "attribute_not_exists", "if_not_exists" -> {
        if (!(call.arguments().getFirst() instanceof Operand.Path)) {
          problems.report(Rule.OPERAND_TYPE, "Operator or function requires a document path; operator or function: " + function);
        }
      }
      case "begins_with" -> call.arguments().forEach(argument -> requireType(function, argument, Set.of("S", "B")));
      case "size" -> {
        String type = staticType(call.arguments().getFirst());
        if (type != null && Set.of("N", "BOOL", "NULL").contains(type)) reportOperandType(function, type);
      }
      case "attribute_type" -> checkTypeName(call.arguments().get(1));
      case "list_append" -> call.arguments().forEach(argument -> requireType(function, argument, Set.of("L")));
      default -> {}
    }
  }

  private void checkTypeName(Operand operand) {
    String type = staticType(operand);
    if (!"S".equals(type)) {
      reportOperandType("attribute_type", type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type);
      return;
    }
    String name = ((AttributeValue.S) ((Operand.Literal) operand).value()).value();
    if (!TYPE_NAMES.contains(name)) {
      problems.report(Rule.OPERAND_TYPE,
          "Invalid attribute type name found; type: " + name + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    }
  }

  private void requireType(String operator, Operand operand, Set<String> allowed) {
    String type = staticType(operand);
    if (type != null && !allowed.contains(type)) reportOperandType(operator, type);
  }

  private void reportOperandType(String operator, String type) {
    problems.report(Rule.OPERAND_TYPE,
        "Incorrect operand type for operator or function; operator or function: " + operator + ", operand type: " + type);
  }

  /** The type an operand is known to have before any item is seen, or null when it depends on the item. */
  private static String staticType(Operand operand) {
    return switch (operand) {
      case Operand.Literal literal -> literal.value() == null ? null : literal.value().typeName();
      case Operand.Arithmetic ignored -> "N";
      case Operand.Call call -> switch (call.function()) {
        case "size" -> "N";
        case "list_append" -> "L";
        case "if_not_exists" -> call.arguments().size() == 2 ? staticType(call.arguments().get(1)) : null;
        default -> null;
      };
      case Operand.Path ignored -> null;
    };
  }

  /** In conditions only size() yields a value; the other functions are conditions themselves. */
  private void checkMisused(List<Operand> operands) {
    for (Operand operand : operands) {
      if (operand instanceof Operand.Call call && !call.function().equals("size")) {
        problems.report(Rule.MISUSED_FUNCTION,
            "The function is not allowed to be used this way in an expression; function: " + call.function());
      }
    }
  }

  private void checkDistinct(String operator, Operand first, Operand second) {
    if (first instanceof Operand.Path a && second instanceof Operand.Path b && a.equals(b)) {
      problems.report(Rule.NOT_DISTINCT, "The first operand must be distinct from the remaining operands for this operator or "
          + "function; operator: " + operator + ", first operand: " + a.path());
    }
  }

  // ---- Conditions: OR < AND < NOT < comparison, as AWS orders precedence -------------------------------------------

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
      if (call.function().equals("size")) {
        problems.report(Rule.MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: size");
      }
      return new ConditionNode.Function(call);
    }
    throw syntaxError(position);
  }

  private ConditionNode compared(String operator, Operand left, Operand right) {
    checkMisused(List.of(left, right));
    checkDistinct(operator, left, right);
    if (!operator.equals("=") && !operator.equals("<>")) {
      requireType(operator, left, ORDERED_TYPES);
      requireType(operator, right, ORDERED_TYPES);
    }
    return new ConditionNode.Comparison(operator, left, right);
  }

  private ConditionNode between(Operand value, Operand lower, Operand upper) {
    checkMisused(List.of(value, lower, upper));
    for (Operand operand : List.of(value, lower, upper)) requireType("BETWEEN", operand, ORDERED_TYPES);
    if (lower instanceof Operand.Literal low && upper instanceof Operand.Literal high && low.value() != null && high.value() != null) {
      checkBounds(low.value(), high.value());
    }
    return new ConditionNode.Between(value, lower, upper);
  }

  private void checkBounds(AttributeValue low, AttributeValue high) {
    String bounds = "lower bound operand: AttributeValue: {" + low.typeName() + ":" + scalarText(low)
        + "}, upper bound operand: AttributeValue: {" + high.typeName() + ":" + scalarText(high) + "}";
    if (!low.typeName().equals(high.typeName())) {
      problems.report(Rule.OPERAND_TYPE, "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
    } else if (ORDERED_TYPES.contains(low.typeName()) && AttributeValues.compare(low, high) > 0) {
      problems.report(Rule.OPERAND_TYPE,
          "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
    }
  }

  private static String scalarText(AttributeValue value) {
    return switch (value) {
      case AttributeValue.S s -> s.value();
      case AttributeValue.N n -> dev.groundwork.dynamodb.model.Numbers.format(n.value());
      case AttributeValue.B b -> b.value().toBase64();
      default -> AttributeValues.toJson(value).toString();
    };
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
    checkMisused(all);
    if (candidates.size() > MAX_IN_OPERANDS) {
      problems.report(Rule.OPERAND_COUNT,
          "The IN operator is provided with too many operands; number of operands: " + candidates.size());
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
      String section = keyword.text().toUpperCase(java.util.Locale.ROOT);
      if (!sections.add(section)) {
        problems.report(Rule.SECTION_REPEATED, "The \"" + section + "\" section can only be used once in an update expression;");
      }
      actions.add(action(section));
      while (peek().is(Kind.COMMA)) {
        next();
        actions.add(action(section));
      }
    } while (!peek().is(Kind.END));
    checkOverlaps(actions.stream().map(UpdateAction::path).toList());
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

  /** ADD takes a number or a set, DELETE only a set; AWS names the wrong type in its own words. */
  private Operand.Literal setOrNumberOperand(String operator, boolean numberAllowed) {
    Operand.Literal literal = literal();
    if (literal.value() == null) return literal;
    String type = literal.value().typeName();
    boolean allowed = type.endsWith("S") && type.length() == 2 || numberAllowed && type.equals("N");
    if (!allowed) {
      problems.report(Rule.OPERAND_TYPE,
          "Incorrect operand type for operator or function; operator: " + operator + ", operand type: " + longTypeName(type));
    }
    return literal;
  }

  private static String longTypeName(String type) {
    return switch (type) {
      case "S" -> "STRING";
      case "N" -> "NUMBER";
      case "B" -> "BINARY";
      case "BOOL" -> "BOOLEAN";
      case "L" -> "LIST";
      case "M" -> "MAP";
      default -> type;
    };
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
      requireType(String.valueOf(operator), left, Set.of("N"));
      requireType(String.valueOf(operator), right, Set.of("N"));
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
    checkOverlaps(paths);
    return paths;
  }

  /**
   * AWS rejects two paths where one is a prefix of the other ("overlap"), and two paths that use the same step as
   * a map key in one and a list index in the other ("conflict").
   */
  private void checkOverlaps(List<DocumentPath> paths) {
    for (int later = 1; later < paths.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        compareSteps(paths.get(earlier), paths.get(later));
      }
    }
  }

  private void compareSteps(DocumentPath one, DocumentPath two) {
    int common = Math.min(one.length(), two.length());
    for (int i = 0; i < common; i++) {
      DocumentPath.Element a = one.elements().get(i);
      DocumentPath.Element b = two.elements().get(i);
      if (a.getClass() != b.getClass()) {
        problems.report(Rule.PATH_CONFLICT, "Two document paths conflict with each other; must remove or rewrite one of "
            + "these paths; path one: " + one + ", path two: " + two);
        return;
      }
      if (!a.equals(b)) return;
    }
    problems.report(Rule.PATH_OVERLAP, "Two document paths overlap with each other; must remove or rewrite one of these "
        + "paths; path one: " + one + ", path two: " + two);
  }
}
