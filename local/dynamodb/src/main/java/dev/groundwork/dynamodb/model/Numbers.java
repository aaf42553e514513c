package dev.groundwork.dynamodb.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Pattern;

/**
 * DynamoDB's number rules: exact decimals of at most 38 significant digits whose magnitude lies between 1E-130 and
 * 9.9999999999999999999999999999999999999E+125 (or zero), and the arithmetic of update expressions on them.
 * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
 */
public final class Numbers {
    public static final int MAX_SIGNIFICANT_DIGITS = 38;
    public static final int MAX_EXPONENT = 125;
    public static final int MIN_EXPONENT = -130;

    static final String OVERFLOW =
            "Number overflow. Attempting to store a number with magnitude larger than supported range";
    static final String UNDERFLOW =
            "Number underflow. Attempting to store a number with magnitude smaller than supported range";
    static final String TOO_PRECISE = "Attempting to store more than 38 significant digits in a Number";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Wide enough that a sum or difference of two valid numbers is exact before it is checked. */
    private static final MathContext EXACT = new MathContext(400);

    private Numbers() {}

    /** Parses the text of an N value as AWS does, with AWS's messages. */
    public static BigDecimal parse(String text) {
        if (!NUMBER.matcher(text).matches()) {
            // An empty text is named by no colon: DynamoDB's words, as dynalite's tests recorded them against it.
            throw DynamoDbException.validation(
                    text.isEmpty()
                            ? "The parameter cannot be converted to a numeric value"
                            : "The parameter cannot be converted to a numeric value: " + text);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException exponentOutOfIntRange) {
            boolean negativeExponent = text.matches(".*[eE]-.*");
            throw DynamoDbException.validation(negativeExponent ? UNDERFLOW : OVERFLOW);
        }
        return checked(number);
    }

    /** The number in its canonical form (no trailing zeros), or AWS's error when DynamoDB cannot store it. */
    public static BigDecimal checked(BigDecimal number) {
        if (number.signum() == 0) return BigDecimal.ZERO;
        // The exponent is measured before trailing zeros are stripped (stripping leaves it as it is): stripping
        // 100E+2147483647 would need a scale below Integer.MIN_VALUE, and BigDecimal throws rather than answer.
        long exponent = (long) number.precision() - number.scale() - 1;
        if (exponent > MAX_EXPONENT) throw DynamoDbException.validation(OVERFLOW);
        if (exponent < MIN_EXPONENT) throw DynamoDbException.validation(UNDERFLOW);
        BigDecimal canonical = number.stripTrailingZeros();
        if (canonical.precision() > MAX_SIGNIFICANT_DIGITS) throw DynamoDbException.validation(TOO_PRECISE);
        return canonical;
    }

    /**
     * {@code SET a = a + :n} and {@code ADD a :n}: exact, and rejected when the result cannot be stored. AWS reports a
     * result that needs more than 38 digits (1E+50 + 1) as an overflow, not with the message it gives a stored number.
     */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return arithmeticResult(a.add(b, EXACT));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return arithmeticResult(a.subtract(b, EXACT));
    }

    private static BigDecimal arithmeticResult(BigDecimal exact) {
        if (exact.signum() != 0 && exact.stripTrailingZeros().precision() > MAX_SIGNIFICANT_DIGITS) {
            throw DynamoDbException.validation(OVERFLOW);
        }
        return checked(exact);
    }

    /** The wire form: plain decimal notation without exponent or trailing zeros, as DynamoDB returns numbers. */
    public static String format(BigDecimal number) {
        return number.toPlainString();
    }
}
