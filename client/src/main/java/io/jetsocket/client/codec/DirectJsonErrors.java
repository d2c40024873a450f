/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserMinimalBase;

import java.io.IOException;

/**
 * The errors of {@link DirectJsonParser} and of its {@link JsonStringReader} and {@link JsonNumberReader}, worded
 * and typed as Jackson's own parsers word them: Jackson's reporting is protected in {@link ParserMinimalBase}, so
 * only a subclass can use it, and this is the one all three report through. The exceptions name the parser and
 * carry its location: each error first puts the parser where it is ({@link #moveTo}), and the
 * {@link DirectJsonTokenizer} that extends this says where that is. The readers depend on this alone, not on the
 * token state machine.
 */
abstract class DirectJsonErrors extends ParserMinimalBase
{
    /**
     * A parser; its subclass gives it messages and their limits.
     */
    DirectJsonErrors()
    {
        super(StreamReadConstraints.defaults());
    }

    /**
     * Put the parser at an index of the message's buffer: where an error is reported.
     *
     * @param at the index.
     */
    abstract void moveTo(int at);

    /**
     * Report an error at an index of the message's buffer.
     *
     * @param at      where the parser is to be when reporting it.
     * @param message what is wrong.
     * @throws JsonParseException always.
     */
    void failAt(final int at, final String message) throws JsonParseException
    {
        moveTo(at);
        _reportError(message);
    }

    /**
     * Report the end of the message in a token.
     *
     * @param at      where the parser is to be when reporting it.
     * @param message what was expected.
     * @param token   the kind of token cut short.
     * @throws JsonParseException always.
     */
    void failEofAt(final int at, final String message, final JsonToken token) throws JsonParseException
    {
        moveTo(at);
        _reportInvalidEOF(message, token);
    }

    /**
     * Report an unexpected character.
     *
     * @param at      where the parser is to be when reporting it.
     * @param c       the character.
     * @param message what was expected.
     * @throws JsonParseException always.
     */
    void failCharAt(final int at, final int c, final String message) throws JsonParseException
    {
        moveTo(at);
        _reportUnexpectedChar(c, message);
    }

    /**
     * Report an unexpected character in a number.
     *
     * @param at      where the parser is to be when reporting it.
     * @param c       the character.
     * @param message what was expected.
     * @throws JsonParseException always.
     */
    void failNumberCharAt(final int at, final int c, final String message) throws JsonParseException
    {
        moveTo(at);
        _reportUnexpectedNumberChar(c, message);
    }

    /**
     * Report a malformed number.
     *
     * @param at      where the parser is to be when reporting it.
     * @param message what is wrong.
     * @throws JsonParseException always.
     */
    void failNumberAt(final int at, final String message) throws JsonParseException
    {
        moveTo(at);
        reportInvalidNumber(message);
    }

    /**
     * Report a number out of the range of an {@code int}.
     *
     * @param number the number's text.
     * @param token  its kind.
     * @throws IOException always.
     */
    void overflowInt(final String number, final JsonToken token) throws IOException
    {
        reportOverflowInt(number, token);
    }

    /**
     * Report a number out of the range of a {@code long}.
     *
     * @param number the number's text.
     * @param token  its kind.
     * @throws IOException always.
     */
    void overflowLong(final String number, final JsonToken token) throws IOException
    {
        reportOverflowLong(number, token);
    }

    /**
     * How Jackson's messages describe a character.
     *
     * @param c the character.
     * @return its description.
     */
    static String charDescription(final int c)
    {
        return _getCharDesc(c);
    }
}
