package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static dev.groundwork.dynamodb.expression.Json.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateExpressionTest {
    private static final Map<String, AttributeValue> VALUES = item(
            "{':one':{'N':'1'},':two':{'N':'2'},':s':{'S':'new'},"
                    + "':l':{'L':[{'S':'x'}]},':ss':{'SS':['b','c']},':ns':{'NS':['1','3']},':bs':{'BS':['AQ==']},':big':{'N':'1E+100'},"
                    + "':max':{'N':'9.9999999999999999999999999999999999999E+125'},':m':{'M':{}},':sb':{'SS':['b']},':yes':{'BOOL':true}}");

    private static final String ITEM =
            "{'pk':{'S':'k'},'n':{'N':'5'},'s':{'S':'old'},'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'}]},"
                    + "'m':{'M':{'a':{'M':{'b':{'N':'1'}}}}},'ss':{'SS':['a','b']},'ns':{'NS':['1','2']}}";

    private static Map<String, AttributeValue> apply(String expression) {
        return apply(expression, item(ITEM));
    }

    private static Map<String, AttributeValue> apply(String expression, Map<String, AttributeValue> item) {
        ExpressionContext context = new ExpressionContext(Map.of("#n", "n", "#s", "s"), VALUES);
        return Expressions.update(expression, context).apply(item);
    }

    private static void assertUpdated(String expression, String attribute, String expectedJson) {
        Map<String, AttributeValue> updated = apply(expression);
        assertThat(updated).containsKey(attribute);
        assertThat(text(Map.of(attribute, updated.get(attribute)))).isEqualTo(expectedJson);
    }

    @Test
    void setsTopLevelAttributes() {
        assertUpdated("SET s = :s", "s", "{'s':{'S':'new'}}");
        assertUpdated("SET fresh = :s", "fresh", "{'fresh':{'S':'new'}}");
        assertUpdated("SET #s = :s, n = :two", "n", "{'n':{'N':'2'}}");
    }

    @Test
    void leavesTheOriginalItemUnchanged() {
        Map<String, AttributeValue> original = item(ITEM);
        apply("SET s = :s REMOVE n, l[0], m.a.b", original);
        assertThat(original).isEqualTo(item(ITEM));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SET n = n + :one | {'n':{'N':'6'}}",
                "SET n = n - :two | {'n':{'N':'3'}}",
                "SET n = :one - n | {'n':{'N':'-4'}}",
                "SET n = (n + :one) | {'n':{'N':'6'}}",
                "SET n = (n) + (:one) | {'n':{'N':'6'}}",
                "SET n = if_not_exists(n, :one) + :one | {'n':{'N':'6'}}",
                "SET n = if_not_exists(absent, :one) + :one | {'n':{'N':'2'}}",
                "SET s = if_not_exists(s, :s) | {'s':{'S':'old'}}",
                "SET l = list_append(l, :l) | {'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'},{'S':'x'}]}}",
                "SET l = list_append(:l, l) | {'l':{'L':[{'S':'x'},{'S':'a'},{'S':'b'},{'S':'c'}]}}",
                "SET l = list_append(if_not_exists(absent, :l), :l) | {'l':{'L':[{'S':'x'},{'S':'x'}]}}",
                "SET l[1] = :s | {'l':{'L':[{'S':'a'},{'S':'new'},{'S':'c'}]}}",
                "SET l[10] = :s | {'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'},{'S':'new'}]}}",
                "SET l[5] = :s, l[7] = :one | {'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'},{'S':'new'},{'N':'1'}]}}",
                "SET m.a.b = :two | {'m':{'M':{'a':{'M':{'b':{'N':'2'}}}}}}",
                "SET m.a.c = :s | {'m':{'M':{'a':{'M':{'b':{'N':'1'},'c':{'S':'new'}}}}}}",
                "SET m.x = :m | {'m':{'M':{'a':{'M':{'b':{'N':'1'}}},'x':{'M':{}}}}}",
                "SET s = n, n = s | {'s':{'N':'5'}}"
            })
    void computesSetValuesFromTheItemBeforeTheUpdate(String expression, String expected) {
        String attribute = expected.substring(2, expected.indexOf('\'', 2));
        assertUpdated(expression, attribute, expected);
    }

    @Test
    void swapsTwoAttributesInOneUpdate() {
        Map<String, AttributeValue> updated = apply("SET s = n, n = s");
        assertThat(updated.get("s")).isEqualTo(AttributeValue.n(5));
        assertThat(updated.get("n")).isEqualTo(AttributeValue.s("old"));
    }

    @Test
    void removesAttributesAndShiftsListElements() {
        Map<String, AttributeValue> updated = apply("REMOVE s, l[0], m.a.b, absent, l[9]");
        assertThat(updated).doesNotContainKey("s");
        assertThat(text(Map.of("l", updated.get("l")))).isEqualTo("{'l':{'L':[{'S':'b'},{'S':'c'}]}}");
        assertThat(text(Map.of("m", updated.get("m")))).isEqualTo("{'m':{'M':{'a':{'M':{}}}}}");
    }

    @Test
    void removesListElementsByTheirIndexesBeforeTheUpdate() {
        Map<String, AttributeValue> updated = apply("REMOVE l[0], l[1]");
        assertThat(text(Map.of("l", updated.get("l")))).isEqualTo("{'l':{'L':[{'S':'c'}]}}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ADD n :two | {'n':{'N':'7'}}",
                "ADD fresh :two | {'fresh':{'N':'2'}}",
                "ADD ss :ss | {'ss':{'SS':['a','b','c']}}",
                "ADD ns :ns | {'ns':{'NS':['1','2','3']}}",
                "ADD fresh :bs | {'fresh':{'BS':['AQ==']}}",
                "ADD m.a.c :one | {'m':{'M':{'a':{'M':{'b':{'N':'1'},'c':{'N':'1'}}}}}}",
                "DELETE ss :sb | {'ss':{'SS':['a']}}",
                "DELETE ns :ns | {'ns':{'NS':['2']}}"
            })
    void addsAndDeletes(String expression, String expected) {
        String attribute = expected.substring(2, expected.indexOf('\'', 2));
        assertUpdated(expression, attribute, expected);
    }

    @Test
    void deletesTheAttributeWhenItsSetBecomesEmpty() {
        assertThat(apply("DELETE ss :ss, ns :ns", item("{'ss':{'SS':['b']},'ns':{'NS':['3']}}")))
                .isEmpty();
    }

    @Test
    void deletingFromAMissingSetChangesNothing() {
        assertThat(apply("DELETE absent :ss")).isEqualTo(item(ITEM));
    }

    @Test
    void combinesAllFourClausesInAnyOrderAndCase() {
        Map<String, AttributeValue> updated = apply("delete ss :sb add n :one remove s set fresh = :s");
        assertThat(updated.get("ss")).isEqualTo(AttributeValue.ss("a"));
        assertThat(updated.get("n")).isEqualTo(AttributeValue.n(6));
        assertThat(updated).doesNotContainKey("s").containsEntry("fresh", AttributeValue.s("new"));
    }

    @Test
    void indexesTheListAsItWasBeforeTheUpdate() {
        Map<String, AttributeValue> list =
                item("{'a':{'L':[{'N':'2'},{'N':'3'},{'N':'4'},{'N':'5'},{'N':'6'},{'N':'7'}]}}");
        String expected = "{'a':{'L':[{'N':'2'},{'N':'4'},{'N':'1'},{'N':'6'},{'N':'7'}]}}";
        assertThat(text(apply("REMOVE a[1] SET a[3] = :one", list))).isEqualTo(expected);
        assertThat(text(apply("SET a[3] = :one REMOVE a[1]", list))).isEqualTo(expected);
    }

    @Test
    void appendsElementsSetPastTheEndInIndexOrder() {
        Map<String, AttributeValue> updated = apply("SET l[84] = :one, l[37] = :two, l[17] = :s, l[50] = :l");
        assertThat(text(Map.of("l", updated.get("l"))))
                .isEqualTo(
                        "{'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'},{'S':'new'},{'N':'2'},{'L':[{'S':'x'}]},{'N':'1'}]}}");
    }

    @Test
    void ignoresRemovingNestedPathsFromAnItemThatDoesNotExist() {
        assertThat(apply("REMOVE x.y, z[0]", Map.of())).isEmpty();
        assertThatThrownBy(() -> apply("REMOVE absent.y"))
                .hasMessage("The document path provided in the update expression is invalid for update");
    }

    @Test
    void leavesEmptyMapsAndListsBehindWhenTheirLastElementIsRemoved() {
        Map<String, AttributeValue> updated = apply("REMOVE m.a, l[0], l[1], l[2]");
        assertThat(text(updated)).contains("'m':{'M':{}}", "'l':{'L':[]}");
    }

    @Test
    void projectsTheUpdatedPathsForUpdatedOldAndUpdatedNew() {
        Map<String, AttributeValue> before = item(
                "{'pk':{'S':'k'},'a':{'M':{'b':{'S':'dog'},'c':{'L':[{'N':'1'},{'N':'2'},{'N':'3'}]}}},'d':{'S':'cat'}}");
        Update update = Expressions.update(
                "SET a.c[1] = :one, a.b = :s, fresh = :s REMOVE d", new ExpressionContext(Map.of(), VALUES));
        Map<String, AttributeValue> after = update.apply(before);

        assertThat(text(update.updatedPaths().apply(before)))
                .isEqualTo("{'a':{'M':{'c':{'L':[{'N':'2'}]},'b':{'S':'dog'}}},'d':{'S':'cat'}}");
        assertThat(text(update.updatedPaths().apply(after)))
                .isEqualTo("{'a':{'M':{'c':{'L':[{'N':'1'}]},'b':{'S':'new'}}},'fresh':{'S':'new'}}");
    }

    @Test
    void returnsNothingNewForAnElementSetPastTheEndOrAnElementShiftedIntoARemovedPlace() {
        Map<String, AttributeValue> before = item("{'l':{'L':[{'N':'1'},{'N':'2'},{'N':'3'}]}}");
        Update append = Expressions.update("SET l[100] = :one", new ExpressionContext(Map.of(), VALUES));
        assertThat(append.updatedPaths().apply(append.apply(before))).isEmpty();
        Update remove = Expressions.update("REMOVE l[1]", ExpressionContext.empty());
        assertThat(remove.updatedPaths().apply(remove.apply(before)))
                .isEqualTo(Map.of("l", AttributeValue.l(AttributeValue.n(3))));
    }

    @Test
    void reportsTheTopLevelNamesItTouches() {
        Update update = Expressions.update(
                "SET m.a.b = :one, #s = :s REMOVE l[0] ADD n :one", new ExpressionContext(Map.of("#s", "s"), VALUES));
        assertThat(update.topLevelNamesTouched()).containsExactly("m", "s", "l", "n");
    }

    @Test
    void appliesToAnAbsentItem() {
        assertThat(apply("SET a = :s ADD n :one", Map.of()))
                .isEqualTo(Map.of("a", AttributeValue.s("new"), "n", AttributeValue.n(1)));
    }

    // ---- Rejections when applied ------------------------------------------------------------------------------------

    private static void assertApplyRejected(String expression, String message) {
        assertThatThrownBy(() -> apply(expression)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SET absent.x = :one",
                "SET n.x = :one",
                "SET l.x = :one",
                "SET m[0] = :one",
                "SET m.zz.y = :one",
                "SET l[5].x = :one",
                "REMOVE absent.x",
                "ADD absent.x :one"
            })
    void rejectsPathsThroughMissingOrWrongTypedParents(String expression) {
        assertApplyRejected(expression, "The document path provided in the update expression is invalid for update");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SET n = s + :one",
                "SET n = :one - s",
                "SET l = list_append(s, :l)",
                "SET l = list_append(:l, n)",
                "ADD s :one",
                "ADD ss :ns",
                "ADD n :ss",
                "DELETE ss :ns",
                "DELETE n :ss"
            })
    void rejectsOperandsOfTheWrongType(String expression) {
        assertApplyRejected(expression, "An operand in the update expression has an incorrect data type");
    }

    private static AttributeValue nestedMaps(int depth) {
        AttributeValue value = AttributeValue.s("leaf");
        for (int i = 0; i < depth; i++) value = new AttributeValue.M(Map.of("n", value));
        return value;
    }

    @Test
    void rejectsAResultNestedDeeperThan32Levels() {
        Map<String, AttributeValue> values = Map.of(":deep", nestedMaps(30));
        Map<String, AttributeValue> item = item("{'a':{'M':{'b':{'M':{}}}}}");

        assertThat(Expressions.update("SET a.c = :deep", new ExpressionContext(Map.of(), values))
                        .apply(item))
                .containsKey("a");
        assertThatThrownBy(() -> Expressions.update("SET a.b.c = :deep", new ExpressionContext(Map.of(), values))
                        .apply(item))
                .hasMessage(
                        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
    }

    @Test
    void rejectsAValueFromAMissingAttribute() {
        assertApplyRejected(
                "SET n = absent", "The provided expression refers to an attribute that does not exist in the item");
        assertApplyRejected(
                "SET n = absent + :one",
                "The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void rejectsArithmeticThatLosesPrecisionOrOverflows() {
        String overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
        assertApplyRejected("SET n = :big + :one", overflow);
        assertApplyRejected("SET n = :max + :max", overflow);
        assertApplyRejected("ADD n :big", overflow);
    }
}
