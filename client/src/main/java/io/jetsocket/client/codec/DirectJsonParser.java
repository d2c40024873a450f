/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.PackageVersion;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A strict RFC 8259 JSON parser over a UTF-8 payload in a {@link DirectBuffer}, {@link #reset reset} for each
 * message so that one instance serves every message of a thread: no parser, context, buffer or copy of the payload
 * per message. It speaks Jackson's {@link com.fasterxml.jackson.core.JsonParser} API, so Jackson Databind can bind
 * from it, and applies Jackson's {@link StreamReadConstraints} with Jackson's own error messages. Field names and
 * short string values come from small bounded caches ({@link StringCache}).
 * <p>
 * What Jackson's own parser does with a default {@code JsonFactory} it does too, except that input must be UTF-8
 * (a UTF-8 byte order mark is skipped; Jackson would also guess UTF-16 and UTF-32), UTF-8 is checked strictly
 * (overlong forms and encoded surrogates are refused) and content after the root value is an error. State is reset
 * by {@link #reset}, so a malformed message leaves nothing behind for the next one. Confined to one thread.
 */
@SuppressWarnings("deprecation") // Jackson 2's abstract accessors are the deprecated getCurrentName & co.
final class DirectJsonParser extends ParserMinimalBase
{
    private static final int ROOT = 0;
    private static final int DONE = 1;
    private static final int OBJECT_FIRST = 2;
    private static final int OBJECT_NAME = 3;
    private static final int OBJECT_VALUE = 4;
    private static final int ARRAY_FIRST = 5;
    private static final int ARRAY_VALUE = 6;
    private static final int AFTER_VALUE = 7;

    private static final int INT = 0;
    private static final int LONG = 1;
    private static final int BIG_INTEGER = 2;
    private static final int FLOAT = 3;

    private static final int INITIAL_TEXT = 256;
    /** A text buffer grown beyond this for one huge string is let go at the next message. */
    private static final int KEEP_TEXT = 64 * 1024;
    private static final int NAME_SLOTS = 512;
    private static final int MAX_CACHED_NAME = 64;
    private static final int VALUE_SLOTS = 256;
    private static final int MAX_CACHED_VALUE = 16;
    /** Integers of up to 18 digits always fit a long. */
    private static final int SAFE_LONG_DIGITS = 18;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22 };
    private static final byte[] MAX_LONG_DIGITS = "9223372036854775807".getBytes();
    private static final byte[] MIN_LONG_DIGITS = "9223372036854775808".getBytes();

    /** One parser per thread, shared by every typed codec on it: memory per thread, not per client. */
    private static final ThreadLocal<DirectJsonParser> PER_THREAD = ThreadLocal.withInitial(DirectJsonParser::new);

    private final StringCache names = new StringCache(NAME_SLOTS, MAX_CACHED_NAME);
    private final StringCache values = new StringCache(VALUE_SLOTS, MAX_CACHED_VALUE);
    private final JsonReadContext root = JsonReadContext.createRootContext(null);
    private JsonReadContext context = root;
    private ObjectCodec codec;
    private StreamReadConstraints limits = StreamReadConstraints.defaults();
    private boolean inUse;
    private DirectBuffer buffer;
    private int start;
    private int pos;
    private int end;
    private int state;
    private int depth;
    private int tokenStart;
    private boolean closed;

    private char[] text = new char[INITIAL_TEXT];
    private int textLength;
    private int textHash;
    private String textString;

    private int numberKind;
    private int numberEnd;
    private long longValue;
    private double doubleValue;
    private boolean doubleReady;
    private int exponentValue;
    private int exponentDigits;
    private boolean exponentExact;

    /**
     * A parser; {@link #reset} gives it a message and the limits to apply.
     */
    DirectJsonParser()
    {
        super(StreamReadConstraints.defaults());
    }

    /**
     * This thread's parser, or a new one if this thread's is already parsing (a deserializer of the application
     * decoding a message while another is being bound). {@link #release()} it when done.
     *
     * @return a parser no one else on this thread is using.
     */
    static DirectJsonParser acquire()
    {
        DirectJsonParser parser = PER_THREAD.get();
        if (parser.inUse)
        {
            parser = new DirectJsonParser();
        }
        parser.inUse = true;
        return parser;
    }

    /**
     * Hand back a parser from {@link #acquire()}.
     */
    void release()
    {
        inUse = false;
        codec = null;
    }

    /**
     * Start parsing a new message; whatever the previous one left (an error half way included) is forgotten.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param limits the limits to apply to it.
     * @return this parser, before the first token.
     * @throws JsonProcessingException if the message is longer than the maximum document length.
     */
    DirectJsonParser reset(
        final DirectBuffer buffer, final int offset, final int length, final StreamReadConstraints limits)
        throws JsonProcessingException
    {
        this.limits = limits;
        this.buffer = buffer;
        start = offset;
        pos = offset;
        end = offset + length;
        state = ROOT;
        depth = 0;
        tokenStart = offset;
        closed = false;
        textString = null;
        root.reset(JsonStreamContext.TYPE_ROOT, 1, 0);
        context = root;
        _currToken = null;
        _lastClearedToken = null;
        if (text.length > KEEP_TEXT)
        {
            text = new char[INITIAL_TEXT];
        }
        limits.validateDocumentLength(length);
        if (length >= 3 && (byte)0xEF == buffer.getByte(offset) && (byte)0xBB == buffer.getByte(offset + 1) &&
            (byte)0xBF == buffer.getByte(offset + 2))
        {
            pos += 3;
        }
        return this;
    }

    /**
     * Whether only whitespace is left after the root value.
     *
     * @return true at the end of the message.
     */
    boolean atEnd()
    {
        return skipWhitespace() < 0;
    }

    /**
     * Where the parser is, relative to the start of the message.
     *
     * @return the offset in bytes.
     */
    int offset()
    {
        return pos - start;
    }

    /**
     * The current field name, for a {@link JsonToken#FIELD_NAME} token.
     *
     * @return the name.
     */
    String fieldName()
    {
        return context.getCurrentName();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonToken nextToken() throws IOException
    {
        textString = null;
        int c = skipWhitespace();
        while (true)
        {
            switch (state)
            {
                case ROOT:
                    if (c < 0)
                    {
                        return _currToken = null;
                    }
                    return _currToken = value(c);
                case DONE:
                    if (c < 0)
                    {
                        return _currToken = null;
                    }
                    _reportError("Unexpected content after the root value at " + (pos - start));
                    return null;
                case OBJECT_FIRST:
                    if ('}' == c)
                    {
                        return _currToken = endContainer();
                    }
                    return _currToken = fieldName(c);
                case OBJECT_NAME:
                    return _currToken = fieldName(c);
                case OBJECT_VALUE:
                    return _currToken = value(c);
                case ARRAY_FIRST:
                    if (']' == c)
                    {
                        return _currToken = endContainer();
                    }
                    context.expectComma();
                    return _currToken = value(c);
                case ARRAY_VALUE:
                    context.expectComma();
                    return _currToken = value(c);
                default: // AFTER_VALUE
                    if (',' == c)
                    {
                        pos++;
                        state = context.inObject() ? OBJECT_NAME : ARRAY_VALUE;
                        c = skipWhitespace();
                    }
                    else if (('}' == c && context.inObject()) || (']' == c && context.inArray()))
                    {
                        return _currToken = endContainer();
                    }
                    else if (c < 0)
                    {
                        _reportInvalidEOF(": expected close marker for " + context.typeDesc(), null);
                    }
                    else
                    {
                        _reportUnexpectedChar(c, "was expecting comma to separate " + context.typeDesc() +
                            " entries");
                    }
                    break;
            }
        }
    }

    private JsonToken fieldName(final int c) throws IOException
    {
        tokenStart = pos;
        if ('"' != c)
        {
            if (c < 0)
            {
                _reportInvalidEOF(": expected a field name", null);
            }
            _reportUnexpectedChar(c, "was expecting double-quote to start field name");
        }
        pos++;
        readString();
        limits.validateNameLength(textLength);
        final String name = names.get(text, textLength, textHash);
        final int colon = skipWhitespace();
        if (':' != colon)
        {
            if (colon < 0)
            {
                _reportInvalidEOF(": expected a colon after field name \"" + name + "\"", null);
            }
            _reportUnexpectedChar(colon, "was expecting a colon to separate field name and value");
        }
        pos++;
        context.expectComma();
        context.setCurrentName(name);
        state = OBJECT_VALUE;
        return JsonToken.FIELD_NAME;
    }

    private JsonToken value(final int c) throws IOException
    {
        tokenStart = pos;
        switch (c)
        {
            case '{':
                pos++;
                limits.validateNestingDepth(++depth);
                context = context.createChildObjectContext(1, 0);
                state = OBJECT_FIRST;
                return JsonToken.START_OBJECT;
            case '[':
                pos++;
                limits.validateNestingDepth(++depth);
                context = context.createChildArrayContext(1, 0);
                state = ARRAY_FIRST;
                return JsonToken.START_ARRAY;
            case '"':
                pos++;
                readString();
                limits.validateStringLength(textLength);
                afterValue();
                return JsonToken.VALUE_STRING;
            case 't':
                literal("true");
                return JsonToken.VALUE_TRUE;
            case 'f':
                literal("false");
                return JsonToken.VALUE_FALSE;
            case 'n':
                literal("null");
                return JsonToken.VALUE_NULL;
            default:
                if ('-' == c || (c >= '0' && c <= '9'))
                {
                    final JsonToken token = readNumber();
                    afterValue();
                    return token;
                }
                if (c < 0)
                {
                    _reportInvalidEOF(": expected a value", null);
                }
                _reportUnexpectedChar(c, "expected a valid value (JSON String, Number, Array, Object or token " +
                    "'null', 'true' or 'false')");
                return null;
        }
    }

    private JsonToken endContainer()
    {
        tokenStart = pos;
        pos++;
        final boolean object = context.inObject();
        context = context.clearAndGetParent();
        depth--;
        afterValue();
        return object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    private void afterValue()
    {
        state = 0 == depth ? DONE : AFTER_VALUE;
    }

    private int skipWhitespace()
    {
        while (pos < end)
        {
            final int b = buffer.getByte(pos) & 0xFF;
            if (' ' == b || '\n' == b || '\r' == b || '\t' == b)
            {
                pos++;
            }
            else
            {
                return b;
            }
        }
        return -1;
    }

    private void literal(final String word) throws IOException
    {
        final int length = word.length();
        for (int i = 0; i < length; i++)
        {
            if (pos + i >= end || buffer.getByte(pos + i) != word.charAt(i))
            {
                unrecognizedToken();
            }
        }
        pos += length;
        if (pos < end && isIdentifierPart(buffer.getByte(pos)))
        {
            unrecognizedToken();
        }
        afterValue();
    }

    private void unrecognizedToken() throws IOException
    {
        int last = tokenStart;
        while (last < end && last - tokenStart < 256 && isIdentifierPart(buffer.getByte(last)))
        {
            last++;
        }
        final String token = buffer.getStringWithoutLengthAscii(tokenStart, Math.max(1, last - tokenStart));
        _reportError("Unrecognized token '" + token + "': was expecting (JSON String, Number, Array, Object or " +
            "token 'null', 'true' or 'false')");
    }

    private static boolean isIdentifierPart(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || '_' == b;
    }

    /**
     * Decode a string from after its opening quote to its closing quote into {@link #text}, with its hash.
     */
    private void readString() throws IOException
    {
        char[] chars = text;
        int n = 0;
        int hash = 0;
        int p = pos;
        final int limit = end;
        final DirectBuffer bytes = buffer;
        while (true)
        {
            if (p >= limit)
            {
                pos = p;
                _reportInvalidEOF(": was expecting closing quote for a string value", JsonToken.VALUE_STRING);
            }
            final int b = bytes.getByte(p);
            if (b >= 0x20 && '"' != b && '\\' != b)
            {
                if (n == chars.length)
                {
                    chars = grow(n);
                }
                chars[n++] = (char)b;
                hash = 31 * hash + b;
                p++;
                continue;
            }
            if ('"' == b)
            {
                pos = p + 1;
                break;
            }
            if (n + 1 >= chars.length)
            {
                chars = grow(n);
            }
            if ('\\' == b)
            {
                pos = p;
                final char ch = escape(p + 1);
                p = pos;
                chars[n++] = ch;
                hash = 31 * hash + ch;
            }
            else if (b >= 0)
            {
                pos = p;
                _reportError("Illegal unquoted character ((CTRL-CHAR, code " + b + ")): has to be escaped using " +
                    "backslash to be included in string value");
            }
            else
            {
                pos = p;
                final int codePoint = utf8(b & 0xFF, p);
                p = pos;
                if (codePoint >= Character.MIN_SUPPLEMENTARY_CODE_POINT)
                {
                    final char high = Character.highSurrogate(codePoint);
                    final char low = Character.lowSurrogate(codePoint);
                    chars[n++] = high;
                    chars[n++] = low;
                    hash = 31 * (31 * hash + high) + low;
                }
                else
                {
                    chars[n++] = (char)codePoint;
                    hash = 31 * hash + codePoint;
                }
            }
        }
        textLength = n;
        textHash = hash;
    }

    private char[] grow(final int length)
    {
        final char[] bigger = new char[Math.max(length * 2, INITIAL_TEXT)];
        System.arraycopy(text, 0, bigger, 0, length);
        text = bigger;
        return bigger;
    }

    /**
     * The character of the escape sequence whose letter is at {@code p}; leaves {@link #pos} after it.
     */
    private char escape(final int p) throws IOException
    {
        if (p >= end)
        {
            pos = p;
            _reportInvalidEOF(" in character escape sequence", JsonToken.VALUE_STRING);
        }
        final int c = buffer.getByte(p);
        pos = p + 1;
        switch (c)
        {
            case '"':
            case '\\':
            case '/':
                return (char)c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
            {
                int value = 0;
                for (int i = 1; i <= 4; i++)
                {
                    if (p + i >= end)
                    {
                        pos = p + i;
                        _reportInvalidEOF(" in character escape sequence", JsonToken.VALUE_STRING);
                    }
                    final int digit = Character.digit(buffer.getByte(p + i), 16);
                    if (digit < 0)
                    {
                        pos = p + i;
                        _reportUnexpectedChar(buffer.getByte(p + i) & 0xFF,
                            "expected a hex-digit for character escape sequence");
                    }
                    value = (value << 4) | digit;
                }
                pos = p + 5;
                return (char)value;
            }
            default:
                pos = p;
                _reportError("Unrecognized character escape " + _getCharDesc(c & 0xFF));
                return 0;
        }
    }

    /**
     * The code point of the UTF-8 sequence starting with {@code lead} at {@code p}; leaves {@link #pos} after it.
     * Strict: no overlong forms, no encoded surrogates, nothing above U+10FFFF.
     */
    private int utf8(final int lead, final int p) throws IOException
    {
        final int more;
        int min = 0x80;
        int max = 0xBF;
        int codePoint;
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            more = 1;
            codePoint = lead & 0x1F;
        }
        else if (lead >= 0xE0 && lead <= 0xEF)
        {
            more = 2;
            codePoint = lead & 0x0F;
            min = 0xE0 == lead ? 0xA0 : 0x80;
            max = 0xED == lead ? 0x9F : 0xBF;
        }
        else if (lead >= 0xF0 && lead <= 0xF4)
        {
            more = 3;
            codePoint = lead & 0x07;
            min = 0xF0 == lead ? 0x90 : 0x80;
            max = 0xF4 == lead ? 0x8F : 0xBF;
        }
        else
        {
            _reportError(String.format("Invalid UTF-8 start byte 0x%x", lead));
            return 0;
        }
        for (int i = 1; i <= more; i++)
        {
            if (p + i >= end)
            {
                pos = p + i;
                _reportInvalidEOF(" in a UTF-8 sequence", JsonToken.VALUE_STRING);
            }
            final int next = buffer.getByte(p + i) & 0xFF;
            if (next < min || next > max)
            {
                pos = p + i;
                _reportError(String.format("Invalid UTF-8 middle byte 0x%x", next));
            }
            min = 0x80;
            max = 0xBF;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        pos = p + more + 1;
        return codePoint;
    }

    private JsonToken readNumber() throws IOException
    {
        int p = pos;
        final boolean negative = '-' == buffer.getByte(p);
        if (negative)
        {
            p++;
        }
        final int intStart = p;
        long mantissa = 0;
        if (p >= end)
        {
            pos = p;
            _reportInvalidEOF(" in a number", JsonToken.VALUE_NUMBER_INT);
        }
        int b = buffer.getByte(p);
        if ('0' == b)
        {
            p++;
            if (p < end && isDigit(buffer.getByte(p)))
            {
                pos = p;
                reportInvalidNumber("Leading zeroes not allowed");
            }
        }
        else if (isDigit(b))
        {
            while (p < end && isDigit(b = buffer.getByte(p)))
            {
                if (p - intStart < SAFE_LONG_DIGITS)
                {
                    mantissa = mantissa * 10 + (b - '0');
                }
                p++;
            }
        }
        else
        {
            pos = p;
            _reportUnexpectedChar(b & 0xFF, "expected digit (0-9) to follow minus sign, for valid numeric value");
        }
        final int intDigits = p - intStart;
        int fractionDigits = 0;
        int fractionLength = 0;
        int exponentLength = 0;
        int exponent = 0;
        boolean exactMantissa = intDigits <= SAFE_LONG_DIGITS;
        boolean isFloat = false;
        if (p < end && '.' == buffer.getByte(p))
        {
            isFloat = true;
            p++;
            final int fractionStart = p;
            while (p < end && isDigit(b = buffer.getByte(p)))
            {
                if (exactMantissa && mantissa < MAX_EXACT_MANTISSA)
                {
                    mantissa = mantissa * 10 + (b - '0');
                    fractionDigits++;
                }
                else
                {
                    exactMantissa = false;
                }
                p++;
            }
            fractionLength = p - fractionStart;
            if (0 == fractionLength)
            {
                pos = p;
                _reportUnexpectedNumberChar(p < end ? buffer.getByte(p) & 0xFF : ' ',
                    "Decimal point not followed by a digit");
            }
        }
        if (p < end && ('e' == (b = buffer.getByte(p)) || 'E' == b))
        {
            isFloat = true;
            p = readExponent(p + 1);
            exactMantissa &= exponentExact;
            exponent = exponentValue;
            exponentLength = exponentDigits;
        }
        pos = p;
        numberEnd = p;
        doubleReady = false;
        if (isFloat)
        {
            limits.validateFPLength(intDigits + fractionLength + exponentLength);
            return floating(negative, exactMantissa, mantissa, exponent - fractionDigits);
        }
        return integer(negative, intStart, intDigits, mantissa);
    }

    private JsonToken floating(final boolean negative, final boolean exact, final long mantissa, final int scale)
    {
        numberKind = FLOAT;
        if (exact && mantissa <= MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22)
        {
            // Both operands are exact doubles, so one correctly rounded operation gives the correctly rounded
            // value: the same double as Double.parseDouble (Clinger's fast path)
            final double magnitude = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
            doubleValue = negative ? -magnitude : magnitude;
            doubleReady = true;
        }
        return JsonToken.VALUE_NUMBER_FLOAT;
    }

    private JsonToken integer(final boolean negative, final int intStart, final int intDigits, final long mantissa)
        throws IOException
    {
        limits.validateIntegerLength(intDigits);
        if (intDigits <= SAFE_LONG_DIGITS)
        {
            longValue = negative ? -mantissa : mantissa;
        }
        else if (intDigits == MAX_LONG_DIGITS.length &&
            notAbove(intStart, negative ? MIN_LONG_DIGITS : MAX_LONG_DIGITS))
        {
            // accumulated negatively, so that Long.MIN_VALUE fits
            long value = 0;
            for (int i = intStart, last = intStart + intDigits; i < last; i++)
            {
                value = value * 10 - (buffer.getByte(i) - '0');
            }
            longValue = negative ? value : -value;
        }
        else
        {
            numberKind = BIG_INTEGER;
            return JsonToken.VALUE_NUMBER_INT;
        }
        numberKind = longValue == (int)longValue ? INT : LONG;
        return JsonToken.VALUE_NUMBER_INT;
    }

    /**
     * Scan an exponent from after its {@code e} into {@link #exponentValue}, {@link #exponentDigits} and
     * {@link #exponentExact}.
     *
     * @return the index after the exponent.
     */
    private int readExponent(final int from) throws IOException
    {
        int p = from;
        int b;
        boolean negativeExponent = false;
        if (p < end && ('-' == (b = buffer.getByte(p)) || '+' == b))
        {
            negativeExponent = '-' == b;
            p++;
        }
        final int exponentStart = p;
        int value = 0;
        exponentExact = true;
        while (p < end && isDigit(b = buffer.getByte(p)))
        {
            if (p - exponentStart < 4)
            {
                value = value * 10 + (b - '0');
            }
            else
            {
                exponentExact = false;
            }
            p++;
        }
        exponentDigits = p - exponentStart;
        if (0 == exponentDigits)
        {
            pos = p;
            _reportUnexpectedNumberChar(p < end ? buffer.getByte(p) & 0xFF : ' ',
                "Exponent indicator not followed by a digit");
        }
        exponentValue = negativeExponent ? -value : value;
        return p;
    }

    private boolean notAbove(final int digitsStart, final byte[] limit)
    {
        for (int i = 0; i < limit.length; i++)
        {
            final byte digit = buffer.getByte(digitsStart + i);
            if (digit != limit[i])
            {
                return digit < limit[i];
            }
        }
        return true;
    }

    private static boolean isDigit(final int b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * The characters of the current number token into {@link #text}.
     */
    private void numberText()
    {
        final int length = numberEnd - tokenStart;
        if (text.length < length)
        {
            text = new char[length];
        }
        for (int i = 0; i < length; i++)
        {
            text[i] = (char)buffer.getByte(tokenStart + i);
        }
        textLength = length;
    }

    private String numberString()
    {
        numberText();
        return new String(text, 0, textLength);
    }

    private boolean isNumber()
    {
        return JsonToken.VALUE_NUMBER_INT == _currToken || JsonToken.VALUE_NUMBER_FLOAT == _currToken;
    }

    private void checkNumber() throws IOException
    {
        if (!isNumber())
        {
            _reportError("Current token (" + _currToken + ") not numeric, can not use numeric value accessors");
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public NumberType getNumberType() throws IOException
    {
        checkNumber();
        switch (numberKind)
        {
            case INT:
                return NumberType.INT;
            case LONG:
                return NumberType.LONG;
            case BIG_INTEGER:
                return NumberType.BIG_INTEGER;
            default:
                return NumberType.DOUBLE;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Number getNumberValue() throws IOException
    {
        checkNumber();
        switch (numberKind)
        {
            case INT:
                return (int)longValue;
            case LONG:
                return longValue;
            case BIG_INTEGER:
                return getBigIntegerValue();
            default:
                return getDoubleValue();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int getIntValue() throws IOException
    {
        checkNumber();
        if (INT == numberKind)
        {
            return (int)longValue;
        }
        if (FLOAT == numberKind)
        {
            final double value = getDoubleValue();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
            {
                reportOverflowInt(numberString(), JsonToken.VALUE_NUMBER_FLOAT);
            }
            return (int)value;
        }
        reportOverflowInt(numberString(), JsonToken.VALUE_NUMBER_INT);
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long getLongValue() throws IOException
    {
        checkNumber();
        if (INT == numberKind || LONG == numberKind)
        {
            return longValue;
        }
        if (FLOAT == numberKind)
        {
            final double value = getDoubleValue();
            if (value < Long.MIN_VALUE || value > Long.MAX_VALUE)
            {
                reportOverflowLong(numberString(), JsonToken.VALUE_NUMBER_FLOAT);
            }
            return (long)value;
        }
        reportOverflowLong(numberString(), JsonToken.VALUE_NUMBER_INT);
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public BigInteger getBigIntegerValue() throws IOException
    {
        checkNumber();
        if (BIG_INTEGER == numberKind)
        {
            return new BigInteger(numberString());
        }
        if (FLOAT == numberKind)
        {
            return getDecimalValue().toBigInteger();
        }
        return BigInteger.valueOf(longValue);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public float getFloatValue() throws IOException
    {
        checkNumber();
        return INT == numberKind || LONG == numberKind ? (float)longValue : Float.parseFloat(numberString());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public double getDoubleValue() throws IOException
    {
        checkNumber();
        if (INT == numberKind || LONG == numberKind)
        {
            return longValue;
        }
        if (!doubleReady)
        {
            doubleValue = Double.parseDouble(numberString());
            doubleReady = true;
        }
        return doubleValue;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public BigDecimal getDecimalValue() throws IOException
    {
        checkNumber();
        if (INT == numberKind || LONG == numberKind)
        {
            return BigDecimal.valueOf(longValue);
        }
        numberText();
        return new BigDecimal(text, 0, textLength);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String getText()
    {
        final JsonToken token = _currToken;
        if (JsonToken.VALUE_STRING == token)
        {
            if (null == textString)
            {
                textString = values.get(text, textLength, textHash);
            }
            return textString;
        }
        if (null == token)
        {
            return null;
        }
        if (JsonToken.FIELD_NAME == token)
        {
            return context.getCurrentName();
        }
        if (isNumber())
        {
            return numberString();
        }
        return token.asString();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public char[] getTextCharacters()
    {
        final JsonToken token = _currToken;
        if (JsonToken.VALUE_STRING == token)
        {
            return text;
        }
        if (isNumber())
        {
            numberText();
            return text;
        }
        final String value = getText();
        return null == value ? null : value.toCharArray();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int getTextLength()
    {
        final JsonToken token = _currToken;
        if (JsonToken.VALUE_STRING == token)
        {
            return textLength;
        }
        if (isNumber())
        {
            return numberEnd - tokenStart;
        }
        final String value = getText();
        return null == value ? 0 : value.length();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int getTextOffset()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean hasTextCharacters()
    {
        return JsonToken.VALUE_STRING == _currToken;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public byte[] getBinaryValue(final Base64Variant variant) throws IOException
    {
        if (JsonToken.VALUE_STRING != _currToken)
        {
            _reportError("Current token (" + _currToken + ") not VALUE_STRING, can not access as binary");
        }
        final ByteArrayBuilder builder = new ByteArrayBuilder();
        _decodeBase64(getText(), builder, variant);
        return builder.toByteArray();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String getCurrentName()
    {
        if (JsonToken.START_OBJECT == _currToken || JsonToken.START_ARRAY == _currToken)
        {
            final JsonReadContext parent = context.getParent();
            return null == parent ? null : parent.getCurrentName();
        }
        return context.getCurrentName();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void overrideCurrentName(final String name)
    {
        JsonReadContext target = context;
        if (JsonToken.START_OBJECT == _currToken || JsonToken.START_ARRAY == _currToken)
        {
            target = target.getParent();
        }
        try
        {
            target.setCurrentName(name);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonStreamContext getParsingContext()
    {
        return context;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonLocation getCurrentLocation()
    {
        return location(pos);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonLocation getTokenLocation()
    {
        return location(tokenStart);
    }

    private JsonLocation location(final int at)
    {
        return new JsonLocation(ContentReference.unknown(), at - start, -1L, 1, at - start + 1);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void _handleEOF() throws JsonParseException
    {
        if (depth > 0)
        {
            _reportInvalidEOF(": expected close marker for " + context.typeDesc(), null);
        }
    }

    /**
     * The limits of the current message.
     *
     * @return the constraints given to {@link #reset}.
     */
    @Override
    public StreamReadConstraints streamReadConstraints()
    {
        return limits;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public ObjectCodec getCodec()
    {
        return codec;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void setCodec(final ObjectCodec codec)
    {
        this.codec = codec;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Version version()
    {
        return PackageVersion.VERSION;
    }

    /**
     * Marks the parser closed until the next {@link #reset}; there is nothing to release.
     */
    @Override
    public void close()
    {
        closed = true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isClosed()
    {
        return closed;
    }
}
