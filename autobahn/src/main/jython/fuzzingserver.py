#
# Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
#
# Starts the Autobahn TestSuite fuzzingserver (autobahntestsuite 0.5.x, run by Jython) the way
# 'wstest --mode fuzzingserver --spec SPEC' does, with these differences:
#   * it listens on the given host only (wstest binds every interface);
#   * it does not start wstest's report web server (port 8080): the reports are files under the spec's outdir;
#   * a watchdog stops it when the process WATCH_PID (the Maven JVM) is gone or after MAX_SECONDS, so a build
#     that dies between pre-integration-test and post-integration-test leaves no server behind;
#   * Twisted errors are logged, a Jython socket bug that loses case results is worked around (see
#     patch_jython_write_on_closed_channel), and /updateReports waits for the cases still closing.
#
# Usage (see io.jetsocket.autobahn.FuzzingServerLauncher, which runs it):
#   java -Dpython.path=SUITE_DIR -jar jython-standalone.jar fuzzingserver.py SPEC HOST PORT WATCH_PID MAX_SECONDS
# WATCH_PID 0 means no process to watch; MAX_SECONDS 0 means no time limit.

import sys
import json
import time

from java.lang import ProcessHandle, System

from twisted.internet import reactor, task, tcp
from twisted.internet import main as main_error
from twisted.python import log
from autobahn.websocket import listenWS
from autobahntestsuite import fuzzing


def patch_jython_write_on_closed_channel():
    """
    Jython's socket send() on a Netty channel that is already closed (the peer sent its close frame and FIN right
    away, and Netty closed the channel) writes nothing and returns 0 instead of failing. Twisted then keeps the
    connection in its write set forever, spinning on it, and never calls connectionLost: the case result is never
    recorded (it vanishes from the report) and the busy loop slows every later case. CPython gets EPIPE/ECONNRESET
    there, which Twisted turns into connectionLost; do the same.

    Netty closes the channel as soon as the peer's FIN arrives (it does not support half-closure here), so this
    write fails where CPython's would succeed on the half-closed socket. The peer's last bytes may still be queued
    unread: typically the frames that decide the case, e.g. the echo of a message and the close frame of a client
    that fails the connection (RFC 6455 7.1.7: close frame, then FIN). Dropping the connection without reading them
    made such cases fail at random (NON-STRICT, nothing received) whenever the server wrote its next octet before
    its next read. Hand them to the protocol first, as CPython would on its next read, then report the loss.
    """
    original = tcp.Connection.writeSomeData
    max_reads = 64  # each read takes one queued message; the queue ends with the peer-closed marker

    def writeSomeData(self, data):
        sock = getattr(self.socket, "_sock", self.socket)
        channel = getattr(sock, "channel", None)
        if getattr(sock, "channel_closed", False) or (channel is not None and not channel.isOpen()):
            for _ in range(max_reads):
                why = self.doRead()
                if why is not None:
                    return why
            return main_error.CONNECTION_LOST
        return original(self, data)

    tcp.Connection.writeSomeData = writeSomeData


def patch_update_reports_waits_for_running_cases(max_wait=10.0):
    """
    A case's result is recorded when its connection is lost. A client that asks /updateReports right after its
    last case can get there before the server has seen that connection go, and the last case would be missing from
    the report: hold the report back until no case connection is open (at most max_wait seconds).
    """
    protocol = fuzzing.FuzzingServerProtocol
    running = set()
    original_on_open = protocol.onOpen
    original_connection_lost = protocol.connectionLost

    def onOpen(self):
        if self.runCase:
            running.add(self)
        if self.path != "/updateReports" or not running:
            return original_on_open(self)
        deadline = time.time() + max_wait

        def report_when_idle():
            if running and time.time() < deadline:
                reactor.callLater(0.05, report_when_idle)
            else:
                original_on_open(self)

        report_when_idle()

    def connectionLost(self, reason):
        try:
            return original_connection_lost(self, reason)
        finally:
            running.discard(self)

    protocol.onOpen = onOpen
    protocol.connectionLost = connectionLost


def main(argv):
    if len(argv) != 6:
        print >> sys.stderr, "usage: fuzzingserver.py SPEC HOST PORT WATCH_PID MAX_SECONDS"
        return 2
    spec_file, host, port, watch_pid, max_seconds = argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5])

    # Without an observer Twisted drops errors raised in protocol callbacks, and a case whose result handling
    # fails would silently vanish from the report: log them to stdout (the launcher's log file).
    log.startLogging(sys.stdout, setStdout=False)
    patch_jython_write_on_closed_channel()
    patch_update_reports_waits_for_running_cases()

    spec = json.loads(open(spec_file).read())
    # The port given on the command line wins over the spec's url, so a build can move off 9001.
    spec["url"] = "ws://%s:%d" % (host, port)

    factory = fuzzing.FuzzingServerFactory(spec)
    listenWS(factory, None, interface=host)
    deadline = time.time() + max_seconds if max_seconds > 0 else None

    def watchdog():
        if watch_pid > 0:
            handle = ProcessHandle.of(watch_pid)
            if not handle.isPresent() or not handle.get().isAlive():
                print "fuzzingserver: watched process %d is gone, stopping" % watch_pid
                reactor.stop()
                return
        if deadline is not None and time.time() > deadline:
            print "fuzzingserver: maximum lifetime of %d s reached, stopping" % max_seconds
            reactor.stop()

    task.LoopingCall(watchdog).start(1.0)
    print "fuzzingserver: listening on ws://%s:%d (watching pid %d, max %d s)" % (host, port, watch_pid, max_seconds)
    sys.stdout.flush()
    reactor.run()
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    # Jython keeps non-daemon threads (Twisted's thread pool) alive: leave the JVM explicitly.
    System.exit(code)
