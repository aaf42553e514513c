package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static AttributeValue parse(String text) {
        return AttributeValues.fromJson(json(text));
    }

    private static void assertRejected(String text, String code, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void roundTripsEveryType() {
        String item = "{'s':{'S':'x'},'n':{'N':'12.5'},'b':{'B':'AQID'},'t':{'BOOL':true},'z':{'NULL':true},"
                + "'l':{'L':[{'S':'a'},{'N':'1'}]},'m':{'M':{'k':{'SS':['a','b']}}},'ns':{'NS':['1','2']},'bs':{'BS':['AQ==']}}";
        Map<String, AttributeValue> parsed = AttributeValues.itemFromJson(json(item));

        assertThat(AttributeValues.itemToJson(parsed)).isEqualTo(json(item));
        assertThat(parsed.get("b")).isEqualTo(AttributeValue.b(new byte[] {1, 2, 3}));
        assertThat(parsed.get("m")).isEqualTo(new AttributeValue.M(Map.of("k", AttributeValue.ss("b", "a"))));
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1", "0100, 100", "1e2, 100", "-0.50, -0.5", "0.000, 0", "+7, 7", "1E-5, 0.00001"})
    void writesNumbersInCanonicalPlainForm(String in, String out) {
        assertThat(AttributeValues.toJson(parse("{'N':'" + in + "'}")).get("N").textValue())
                .isEqualTo(out);
    }

    @Test
    void comparesNumbersNumerically() {
        assertThat(parse("{'N':'1.0'}")).isEqualTo(parse("{'N':'1'}")).hasSameHashCodeAs(parse("{'N':'1'}"));
        assertThat(parse("{'NS':['1','2.0']}")).isEqualTo(parse("{'NS':['2','1.00']}"));
    }

    @Test
    void rejectsAnEmptyValue() {
        assertRejected(
                "{}",
                "ValidationException",
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertRejected(
                "{'S':null}",
                "ValidationException",
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }

    @Test
    void rejectsMoreThanOneType() {
        assertRejected(
                "{'S':'a','N':'1'}",
                "ValidationException",
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "abc | The parameter cannot be converted to a numeric value: abc",
                "'' | The parameter cannot be converted to a numeric value",
                "' 1' | 'The parameter cannot be converted to a numeric value:  1'",
                "NaN | The parameter cannot be converted to a numeric value: NaN",
                "0x10 | The parameter cannot be converted to a numeric value: 0x10",
                "1e2147483647 | Number overflow. Attempting to store a number with magnitude larger than supported range",
                "1e-2147483648 | Number underflow. Attempting to store a number with magnitude smaller than supported range",
                "1e126 | Number overflow. Attempting to store a number with magnitude larger than supported range",
                "-1e126 | Number overflow. Attempting to store a number with magnitude larger than supported range",
                "1e-131 | Number underflow. Attempting to store a number with magnitude smaller than supported range",
                "1e99999999999 | Number overflow. Attempting to store a number with magnitude larger than supported range",
                "123456789012345678901234567890123456789 | Attempting to store more than 38 significant digits in a Number"
            })
    void rejectsNumbersDynamoDbCannotStore(String number, String message) {
        assertRejected("{'N':'" + number + "'}", "ValidationException", message);
    }

    @Test
    void acceptsTheExtremesOfTheNumberRange() {
        assertThat(parse("{'N':'9.9999999999999999999999999999999999999E+125'}"))
                .isInstanceOf(AttributeValue.N.class);
        assertThat(parse("{'N':'-1E-130'}")).isInstanceOf(AttributeValue.N.class);
        assertThat(parse("{'N':'12345678901234567890123456789012345678000'}")).isInstanceOf(AttributeValue.N.class);
    }

    @Test
    void rejectsEmptySets() {
        String prefix = "One or more parameter values were invalid: ";
        assertRejected("{'SS':[]}", "ValidationException", prefix + "An string set  may not be empty");
        assertRejected("{'NS':[]}", "ValidationException", prefix + "An number set  may not be empty");
        assertRejected("{'BS':[]}", "ValidationException", prefix + "Binary sets should not be empty");
    }

    @Test
    void rejectsSetsWithDuplicates() {
        assertRejected(
                "{'SS':['b','a','b']}",
                "ValidationException",
                "One or more parameter values were invalid: Input collection [a, b, b] contains duplicates.");
        assertRejected("{'NS':['2','1','2.0']}", "ValidationException", "Input collection contains duplicates");
        assertRejected(
                "{'BS':['/w==','AA==','AA==']}",
                "ValidationException",
                "One or more parameter values were invalid: Input collection [AA==, /w==, AA==]of type BS contains duplicates.");
    }

    @Test
    void rejectsNullFalse() {
        assertRejected(
                "{'NULL':false}",
                "ValidationException",
                "One or more parameter values were invalid: Null attribute value types must have the value of true");
    }

    @Test
    void validatesNestedValues() {
        assertRejected(
                "{'M':{'a':{'L':[{'SS':[]}]}}}",
                "ValidationException",
                "One or more parameter values were invalid: An string set  may not be empty");
    }

    @Test
    void reportsShapeErrorsAsSerializationExceptions() {
        assertRejected("{'S':5}", "SerializationException", "NUMBER_VALUE cannot be converted to String");
        assertRejected("{'S':1.5}", "SerializationException", "DECIMAL_VALUE cannot be converted to String");
        assertRejected("{'S':true}", "SerializationException", "TRUE_VALUE cannot be converted to String");
        assertRejected("{'S':{}}", "SerializationException", "Start of structure or map found where not expected");
        assertRejected("{'BOOL':'maybe'}", "SerializationException", "Unexpected token received from parser");
        assertRejected("{'SS':'a'}", "SerializationException", "Unexpected field type");
        assertRejected(
                "{'B':'abc'}",
                "SerializationException",
                "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
        assertRejected("{'B':'ab!c'}", "SerializationException", "Invalid last non-pad Base64 character dectected");
        assertRejected("{'B':5}", "SerializationException", "only base-64-encoded strings are convertible to bytes");
        assertRejected(
                "{'M':[]}",
                "SerializationException",
                "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>");
        assertRejected("'x'", "SerializationException", "Unexpected value type in payload");
    }

    private static String nestedMaps(int depth) {
        String value = "{'S':'leaf'}";
        for (int i = 0; i < depth; i++) value = "{'M':{'n':" + value + "}}";
        return value;
    }

    @Test
    void acceptsDocumentsNested32LevelsDeep() {
        assertThat(AttributeValues.itemFromJson(json("{'data':" + nestedMaps(31) + "}")))
                .containsKey("data");
    }

    @Test
    void rejectsDocumentsNestedDeeperThan32Levels() {
        assertRejected(
                nestedMaps(32),
                "ValidationException",
                "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
    }

    @Test
    void readsBooleansAsAwsDoes() {
        assertThat(parse("{'BOOL':'yes'}")).isEqualTo(AttributeValue.bool(true));
        assertThat(parse("{'BOOL':'0'}")).isEqualTo(AttributeValue.bool(false));
    }

    @Test
    void ordersStringsByUtf8Bytes() {
        // U+FF5E sorts before U+1F600 in UTF-8, though its UTF-16 unit is larger than the surrogate's.
        assertThat(AttributeValues.compare(AttributeValue.s("\uFF5E"), AttributeValue.s("\uD83D\uDE00")))
                .isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(AttributeValues.compare(AttributeValue.s("ab"), AttributeValue.s("abc")))
                .isNegative();
    }

    @Test
    void ordersBinaryUnsigned() {
        assertThat(AttributeValues.compare(
                        AttributeValue.b(new byte[] {(byte) 0xff}), AttributeValue.b(new byte[] {1})))
                .isPositive();
    }

    @Test
    void ordersNumbersNumerically() {
        assertThat(AttributeValues.compare(AttributeValue.n("10"), AttributeValue.n("9")))
                .isPositive();
        assertThat(AttributeValues.compare(AttributeValue.n("-10"), AttributeValue.n("9")))
                .isNegative();
    }
}
