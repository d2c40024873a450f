/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.scan.JsonBytes;
import io.jetsocket.client.scan.JsonIntegers;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * A {@link SequenceExtractor} for JSON feeds: reads the stream name and the sequence ids from values named by paths of
 * keys and array indices, straight from the message's bytes, in one pass that stops at the last field it needs,
 * allocating nothing.
 * <pre>{@code
 * // Binance combined streams: {"stream":"btcusdt@depth","data":{"e":"depthUpdate","U":157,"u":160,...}}
 * JsonSequenceExtractor.builder().stream("stream").range("data.U", "data.u").build();
 * // Binance USD-M futures depth: {"e":"depthUpdate","s":"BTCUSDT","U":1,"u":5,"pu":0,...}
 * JsonSequenceExtractor.builder().stream("s").previousAndSequence("pu", "u").build();
 * // a single sequence number per channel: {"channel":"trades","seq":42,...}
 * JsonSequenceExtractor.builder().stream("channel").sequence("seq").build();
 * // messages that are arrays, the sequence last (Bitfinex style, with sequence numbers on): [17082,[7254.7,3,3.04],5],
 * // [17082,"hb",6], [17082,"cs",-1432185919,7]: one sequence for the whole connection...
 * JsonSequenceExtractor.builder().sequence("[-1]").build();
 * // ...or, where the ids count per channel, the channel id (a number) names the stream
 * JsonSequenceExtractor.builder().stream("[0]").sequence("[-1]").build();
 * // an object at the end of an array (Kraken v1 private feeds): [[{...}],"ownTrades",{"sequence":2}]
 * JsonSequenceExtractor.builder().stream("[1]").sequence("[-1].sequence").build();
 * }</pre>
 * What it reads:
 * <ul>
 *     <li>ids: JSON integers, or strings that hold exactly an integer ({@code "42"}), as venues that quote their ids
 *     send them; negative ids are kept (OKX sends a previous id of {@code -1} on a snapshot). A decimal, an
 *     exponent, a literal, or a value beyond a long makes the message unsequenced ({@code false});</li>
 *     <li>the stream name: the bytes between the quotes of a string value, as written: a name sent with escape
 *     sequences is keyed by its escaped bytes (a venue escapes a name the same way in every message, so the stream
 *     stays one stream, but its name reads with the backslashes). A number's digits name a stream too (numeric
 *     channel ids); null, an object or an array make the message unsequenced;</li>
 *     <li>a message without any of the fields (a subscription acknowledgement, a pong, an index past the end of its
 *     array), or that is not the JSON object (or, for paths that start with an index, the array) the paths start in,
 *     is unsequenced; so is a range whose first id is past its last.</li>
 * </ul>
 * Text and binary messages are both read (JSON may arrive in binary frames, after decompression). Key paths follow
 * {@link JsonFieldPath}: keys in a string or in another object never match. A path that counts from the end of an
 * array ({@code [-1]}) reads the whole array before it. Immutable and stateless: one instance may
 * serve several feeds and engines at once.
 */
public final class JsonSequenceExtractor implements SequenceExtractor
{
    private static final int SINGLE = 0;
    private static final int PAIR = 1;
    private static final int RANGE = 2;

    /** The field index in the tree of a pair's previous id or a range's first; the stream's (if any) is last. */
    private static final int FIRST = 0;

    private final int shape;
    private final JsonFieldTree tree;
    private final FieldsReader reader;
    private final String description;

    private JsonSequenceExtractor(final Builder builder)
    {
        shape = builder.shape;
        final JsonFieldPath[] paths;
        if (SINGLE == shape)
        {
            paths = null == builder.stream ?
                new JsonFieldPath[]{ builder.last } : new JsonFieldPath[]{ builder.last, builder.stream };
            reader = new FieldsReader(shape, null == builder.stream ? -1 : 1);
        }
        else
        {
            paths = null == builder.stream ? new JsonFieldPath[]{ builder.first, builder.last } :
                new JsonFieldPath[]{ builder.first, builder.last, builder.stream };
            reader = new FieldsReader(shape, null == builder.stream ? -1 : 2);
        }
        tree = new JsonFieldTree(paths);
        description = "JsonSequenceExtractor{" + (null == builder.stream ? "" : "stream=" + builder.stream + ", ") +
            (SINGLE == shape ? "sequence=" + builder.last :
            (PAIR == shape ? "previous=" : "first=") + builder.first +
            (PAIR == shape ? ", sequence=" : ", last=") + builder.last) + "}";
    }

    /**
     * A builder: name the stream (optional) and one shape of sequence ids.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    @Override
    public boolean extract(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length,
        final SequenceFields fields)
    {
        return tree.read(buffer, offset, length, reader, fields) &&
            (RANGE != shape || fields.first() <= fields.last());
    }

    /**
     * Engine thread, during {@link #extract}: one field's value into the flyweight. The sequence setters are called
     * with the other id as already read (0 until it is), since the fields arrive in the message's order. Stateless.
     */
    private static final class FieldsReader implements JsonFieldTree.FieldReader<SequenceFields>
    {
        private final int shape;
        private final int streamField;

        FieldsReader(final int shape, final int streamField)
        {
            this.shape = shape;
            this.streamField = streamField;
        }

        @Override
        public int read(
            final int field,
            final DirectBuffer buffer,
            final byte[] array,
            final long address,
            final int valueAt,
            final int end,
            final SequenceFields fields,
            final boolean last)
        {
            if (field == streamField)
            {
                return readStream(buffer, array, address, valueAt, end, fields);
            }
            final long id = JsonIntegers.readLong(array, address, valueAt, end);
            if (JsonIntegers.NOT_A_LONG == id)
            {
                return JsonBytes.NOT_FOUND;
            }
            if (SINGLE == shape)
            {
                fields.sequence(id);
            }
            else if (PAIR == shape)
            {
                if (FIRST == field)
                {
                    fields.sequence(id, fields.last());
                }
                else
                {
                    fields.sequence(fields.previous(), id);
                }
            }
            else if (FIRST == field)
            {
                fields.range(id, fields.last());
            }
            else
            {
                fields.range(fields.first(), id);
            }
            return last ? valueAt : JsonIntegers.integerEnd(array, address, valueAt, end, id);
        }

        private static int readStream(
            final DirectBuffer buffer,
            final byte[] array,
            final long address,
            final int valueAt,
            final int end,
            final SequenceFields fields)
        {
            final byte first = JsonBytes.byteAt(array, address, valueAt);
            if ('"' == first)
            {
                final int close = JsonBytes.closingQuote(array, address, valueAt + 1, end);
                if (close < 0)
                {
                    return JsonBytes.NOT_FOUND;
                }
                fields.stream(buffer, valueAt + 1, close - valueAt - 1);
                return close + 1;
            }
            if ('-' == first || (first >= '0' && first <= '9'))
            {
                final int stop = JsonBytes.scalarEnd(array, address, valueAt, end);
                if (stop < 0)
                {
                    return JsonBytes.NOT_FOUND;
                }
                fields.stream(buffer, valueAt, stop - valueAt);
                return stop;
            }
            return JsonBytes.NOT_FOUND;
        }
    }

    @Override
    public String toString()
    {
        return description;
    }

    /**
     * Names the fields of a {@link JsonSequenceExtractor}: one shape of sequence ids ({@link #sequence},
     * {@link #previousAndSequence} or {@link #range}) and, for a feed of several streams on one connection, the
     * stream's name ({@link #stream}). Paths are dotted key paths with array indices ({@link JsonFieldPath#of}:
     * {@code "data.u"}, {@code "[0]"}, {@code "[-1]"}, {@code "[1].a"}). All paths start in an object, or all in an
     * array.
     */
    public static final class Builder
    {
        private static final int UNSET = -1;

        private int shape = UNSET;
        private JsonFieldPath stream;
        private JsonFieldPath first;
        private JsonFieldPath last;

        private Builder()
        {
        }

        /**
         * The member that names the message's stream (a symbol, a channel); without it every message is in the
         * feed's single unnamed stream.
         *
         * @param path path of a string (or integer) value, e.g. {@code "stream"}, {@code "arg.instId"} or
         *             {@code "[0]"}.
         * @throws IllegalArgumentException if the path is not a valid {@link JsonFieldPath#of path}.
         * @return this.
         */
        public Builder stream(final String path)
        {
            this.stream = JsonFieldPath.of(path);
            return this;
        }

        /**
         * A single sequence number per message.
         *
         * @param path path of the number, e.g. {@code "seq"} or {@code "[-1]"}.
         * @return this.
         * @throws IllegalStateException    if a shape of ids is already set.
         * @throws IllegalArgumentException if the path is not a valid {@link JsonFieldPath#of path}.
         */
        public Builder sequence(final String path)
        {
            shape(SINGLE, "sequence(" + path + ")");
            last = JsonFieldPath.of(path);
            return this;
        }

        /**
         * A previous/current pair: each message names the id of the one before it.
         *
         * @param previousPath path of the previous id, e.g. {@code "pu"}.
         * @param sequencePath path of the message's id, e.g. {@code "u"}.
         * @return this.
         * @throws IllegalStateException    if a shape of ids is already set.
         * @throws IllegalArgumentException if a path is not a valid {@link JsonFieldPath#of path}.
         */
        public Builder previousAndSequence(final String previousPath, final String sequencePath)
        {
            shape(PAIR, "previousAndSequence(" + previousPath + ", " + sequencePath + ")");
            first = JsonFieldPath.of(previousPath);
            last = JsonFieldPath.of(sequencePath);
            return this;
        }

        /**
         * A first/last update-id range, as in order-book deltas.
         *
         * @param firstPath path of the first id, e.g. {@code "data.U"}.
         * @param lastPath  path of the last id, e.g. {@code "data.u"}.
         * @return this.
         * @throws IllegalStateException    if a shape of ids is already set.
         * @throws IllegalArgumentException if a path is not a valid {@link JsonFieldPath#of path}.
         */
        public Builder range(final String firstPath, final String lastPath)
        {
            shape(RANGE, "range(" + firstPath + ", " + lastPath + ")");
            first = JsonFieldPath.of(firstPath);
            last = JsonFieldPath.of(lastPath);
            return this;
        }

        private void shape(final int newShape, final String call)
        {
            if (UNSET != shape)
            {
                throw new IllegalStateException("the sequence ids are already set; " + call +
                    " would set them again: call one of sequence, previousAndSequence or range once");
            }
            shape = newShape;
        }

        /**
         * Make the extractor.
         *
         * @return it.
         * @throws IllegalStateException    if no shape of sequence ids was set.
         * @throws IllegalArgumentException if two paths are the same, or one lies inside the other, or one goes into
         *                                  an object where another goes into an array.
         */
        public JsonSequenceExtractor build()
        {
            if (UNSET == shape)
            {
                throw new IllegalStateException(
                    "no sequence ids: call one of sequence, previousAndSequence or range before build");
            }
            return new JsonSequenceExtractor(this);
        }
    }
}
