package dev.threeways.core.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Where log lines go. Written through, every line is its own write to the stream, as {@code System.out}
 * does it (a flush per line, more than one write for a line over its 128-byte buffer): what a process
 * that may be frozen after each answer (a Lambda environment) needs. Buffered, lines collect in memory
 * and a thread of the log's own writes them out every {@code flushEvery}, at once when a buffer's worth
 * or a WARN or ERROR line is waiting, and at exit: a resident server under load then pays for one write
 * per buffer instead of per request, its I/O threads never wait for stdout (a log driver that stalls
 * stalls the writer thread only), and a hard kill loses at most one period of INFO lines.
 */
abstract sealed class LogOutput {
    /** What wakes the writer early: a write per this many bytes of lines, not per line. */
    static final int BUFFER_BYTES = 64 * 1024;
    /**
     * The most that may wait for a stdout that does not take it (a stalled log driver): past it lines are
     * dropped, counted, and the count written once stdout takes lines again — memory stays bounded.
     */
    static final int MAX_WAITING_BYTES = 4 * 1024 * 1024;

    abstract void write(CharSequence line, boolean urgent);

    abstract void flush();

    /** Stops whatever this output runs of its own, after writing out what it holds. */
    void close() {
        flush();
    }

    static LogOutput to(PrintStream stream) {
        return new Direct(stream);
    }

    /** Standard output, buffered, written out every {@code flushEvery} by a daemon thread. */
    static Buffered bufferedStdout(Duration flushEvery) {
        return new Buffered(new FileOutputStream(FileDescriptor.out), flushEvery);
    }

    static Buffered buffered(OutputStream stream, Duration flushEvery) {
        return new Buffered(stream, flushEvery);
    }

    private static final class Direct extends LogOutput {
        private final PrintStream stream;

        Direct(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        void write(CharSequence line, boolean urgent) {
            synchronized (stream) {
                stream.println(line);
            }
        }

        @Override
        void flush() {
            stream.flush();
        }
    }

    static final class Buffered extends LogOutput {
        private final OutputStream stream;
        private final Thread writer;
        private final Object streamLock = new Object();
        private byte[] waiting = new byte[BUFFER_BYTES];
        /** Held under {@code streamLock}: the buffer last written out, to fill next. */
        private byte[] spare;
        private int used;
        private long dropped;
        private volatile boolean closed;

        Buffered(OutputStream stream, Duration flushEvery) {
            this.stream = stream;
            this.writer = Thread.ofPlatform().daemon().name("log-writer").unstarted(() -> {
                while (!closed) {
                    LockSupport.parkNanos(flushEvery.toNanos());
                    flush();
                }
            });
            writer.start();
        }

        @Override
        void write(CharSequence line, boolean urgent) {
            boolean wake;
            synchronized (this) {
                int length = line.length();
                if (used + length * 3 + 1 > waiting.length && !grow(used + length * 3 + 1)) {
                    dropped++;
                    return;
                }
                for (int i = 0; i < length; i++) {
                    char c = line.charAt(i);
                    if (c >= 0x80) {
                        // rare: encoded as a whole, surrogate pairs included
                        byte[] rest = line.subSequence(i, length).toString().getBytes(StandardCharsets.UTF_8);
                        System.arraycopy(rest, 0, waiting, used, rest.length);
                        used += rest.length;
                        break;
                    }
                    waiting[used++] = (byte) c;
                }
                waiting[used++] = '\n';
                wake = urgent || used >= BUFFER_BYTES;
            }
            if (wake) {
                LockSupport.unpark(writer);
            }
        }

        /** Room for {@code needed} bytes, up to the bound; false when the lines waiting are already at it. */
        private boolean grow(int needed) {
            if (needed > MAX_WAITING_BYTES) {
                return false;
            }
            byte[] bigger = new byte[Math.min(MAX_WAITING_BYTES, Math.max(needed, waiting.length * 2))];
            System.arraycopy(waiting, 0, bigger, 0, used);
            waiting = bigger;
            return true;
        }

        /** Writes out what waits, on the calling thread (the writer's, or the exit's); one writer at a time, in order. */
        @Override
        void flush() {
            synchronized (streamLock) {
                byte[] out;
                int length;
                long lost;
                // the buffer written last time is the next to fill: no new 64 KiB for every flush
                byte[] next = spare != null ? spare : new byte[BUFFER_BYTES];
                spare = null;
                synchronized (this) {
                    if (used == 0 && dropped == 0) {
                        spare = next;
                        return;
                    }
                    out = waiting;
                    length = used;
                    lost = dropped;
                    waiting = next;
                    used = 0;
                    dropped = 0;
                }
                try {
                    stream.write(out, 0, length);
                    if (lost > 0) {
                        stream.write(("{\"level\":\"WARN\",\"logger\":\"JsonLog\",\"msg\":\"log lines dropped: stdout did not take"
                                + " them\",\"dropped\":" + lost + "}\n").getBytes(StandardCharsets.UTF_8));
                    }
                    stream.flush();
                } catch (IOException e) {
                    // stdout is gone: nothing is left to report it to, and a log line must not fail the request it logs
                }
                if (out.length == BUFFER_BYTES) {
                    spare = out;
                }
            }
        }

        @Override
        void close() {
            closed = true;
            LockSupport.unpark(writer);
            flush();
        }
    }
}
