/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.proxy;

import io.jetsocket.engine.ProxyConfig;
import io.jetsocket.engine.ProxyException;
import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.WebSocketUri;
import org.agrona.DirectBuffer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * SOCKS5 (RFC 1928): method selection (no authentication, plus username/password of RFC 1929 when credentials are
 * set), then CONNECT with the target as a domain name (ATYP 3, resolved by the proxy), or as an address when the URI
 * holds an IP literal; the answer's bound address is skipped.
 */
final class Socks5Handshake extends ProxyHandshake
{
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHODS = 0xFF;
    private static final int AWAIT_METHOD = 0;
    private static final int AWAIT_AUTHENTICATION = 1;
    private static final int AWAIT_REPLY = 2;

    private final byte[] answer = new byte[4 + 1 + 255 + 2];
    private int answerLength;
    private int stage = AWAIT_METHOD;

    Socks5Handshake(final ProxyConfig proxy, final WebSocketUri target)
    {
        super(proxy, target);
    }

    @Override
    public byte[] start()
    {
        return null == proxy.username() ?
            new byte[]{VERSION, 1, NO_AUTHENTICATION} :
            new byte[]{VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD};
    }

    @Override
    public int onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            answer[answerLength++] = buffer.getByte(offset + i);
            if (AWAIT_REPLY == stage)
            {
                if (2 == answerLength)
                {
                    checkReplyStatus();
                }
                else if (5 == answerLength)
                {
                    checkAddressType();
                }
                if (answerLength >= 5 && answerLength == replyLength())
                {
                    answerLength = 0;
                    return i + 1;
                }
            }
            else if (2 == answerLength)
            {
                answerLength = 0;
                if (AWAIT_METHOD == stage)
                {
                    onMethod(answer[0] & 0xFF, answer[1] & 0xFF);
                }
                else
                {
                    onAuthentication(answer[1] & 0xFF);
                }
            }
        }
        return NEED_MORE;
    }

    /**
     * Length of the CONNECT reply, known once its first five bytes are in.
     */
    private int replyLength()
    {
        switch (answer[3])
        {
            case 1:
                return 4 + 4 + 2;

            case 4:
                return 4 + 16 + 2;

            default:
                return 4 + 1 + (answer[4] & 0xFF) + 2; // domain name: a length byte first
        }
    }

    private void onAuthentication(final int status)
    {
        if (0 != status)
        {
            throw failure(ProxyException.Reason.AUTHENTICATION_FAILED, "refused the username/password (status " +
                status + ")", -1, status, HttpHeaders.EMPTY, null);
        }
        sendConnect();
    }

    private void onMethod(final int version, final int method)
    {
        if (VERSION != version)
        {
            throw failure(ProxyException.Reason.MALFORMED_RESPONSE, "answered with SOCKS version " + version);
        }
        if (NO_ACCEPTABLE_METHODS == method)
        {
            throw failure(ProxyException.Reason.NO_ACCEPTABLE_METHOD, "accepts none of the authentication methods " +
                "offered" + (null == proxy.username() ? " (no credentials were configured)" : ""), -1, method,
                HttpHeaders.EMPTY, null);
        }
        if (NO_AUTHENTICATION == method)
        {
            sendConnect();
        }
        else if (USERNAME_PASSWORD == method && null != proxy.username())
        {
            final byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
            final byte[] password = proxy.password().getBytes(StandardCharsets.UTF_8);
            final byte[] request = new byte[3 + user.length + password.length];
            request[0] = 1; // RFC 1929 sub-negotiation version
            request[1] = (byte)user.length;
            System.arraycopy(user, 0, request, 2, user.length);
            request[2 + user.length] = (byte)password.length;
            System.arraycopy(password, 0, request, 3 + user.length, password.length);
            stage = AWAIT_AUTHENTICATION;
            send(request);
        }
        else
        {
            throw failure(ProxyException.Reason.MALFORMED_RESPONSE, "chose authentication method " + method +
                ", which was not offered");
        }
    }

    private void sendConnect()
    {
        final byte[] address = targetAddress();
        final byte[] request = new byte[3 + address.length + 2];
        request[0] = VERSION;
        request[1] = 1; // CONNECT
        request[2] = 0;
        System.arraycopy(address, 0, request, 3, address.length);
        request[request.length - 2] = (byte)(target.port() >>> 8);
        request[request.length - 1] = (byte)target.port();
        stage = AWAIT_REPLY;
        send(request);
    }

    private void checkReplyStatus()
    {
        final int version = answer[0] & 0xFF;
        final int reply = answer[1] & 0xFF;
        if (VERSION != version)
        {
            throw failure(ProxyException.Reason.MALFORMED_RESPONSE, "answered CONNECT with SOCKS version " + version);
        }
        if (0 != reply)
        {
            throw failure(ProxyException.Reason.SOCKS_REQUEST_FAILED, "refused CONNECT: reply " + reply + " (" +
                replyText(reply) + ")", -1, reply, HttpHeaders.EMPTY, null);
        }
    }

    private void checkAddressType()
    {
        final int addressType = answer[3];
        if (1 != addressType && 3 != addressType && 4 != addressType)
        {
            throw failure(ProxyException.Reason.MALFORMED_RESPONSE, "answered with address type " + addressType);
        }
    }

    /**
     * ATYP and address: a domain name unless the host is an IP literal (which needs no lookup).
     */
    private byte[] targetAddress()
    {
        final String host = target.host();
        if (WebSocketUri.isIpLiteral(host))
        {
            try
            {
                final byte[] ip = InetAddress.getByName(host).getAddress();
                final byte[] address = new byte[1 + ip.length];
                address[0] = (byte)(4 == ip.length ? 1 : 4);
                System.arraycopy(ip, 0, address, 1, ip.length);
                return address;
            }
            catch (final UnknownHostException ex)
            {
                throw new IllegalStateException("IP literal did not parse: " + host, ex);
            }
        }
        final byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        if (name.length > 255)
        {
            throw failure(ProxyException.Reason.MALFORMED_RESPONSE, "host name longer than 255 bytes");
        }
        final byte[] address = new byte[2 + name.length];
        address[0] = 3;
        address[1] = (byte)name.length;
        System.arraycopy(name, 0, address, 2, name.length);
        return address;
    }

    static String replyText(final int reply)
    {
        switch (reply)
        {
            case 1:
                return "general SOCKS server failure";
            case 2:
                return "connection not allowed by ruleset";
            case 3:
                return "network unreachable";
            case 4:
                return "host unreachable";
            case 5:
                return "connection refused";
            case 6:
                return "TTL expired";
            case 7:
                return "command not supported";
            case 8:
                return "address type not supported";
            default:
                return "unassigned";
        }
    }
}
