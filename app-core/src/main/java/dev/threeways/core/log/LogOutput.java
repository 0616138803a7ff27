package dev.threeways.core.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where log lines go. Written through, every line is its own write to the stream, as {@code System.out}
 * does it (a flush per line, more than one write for a line over its 128-byte buffer): what a process
 * that may be frozen after each answer (a Lambda environment) needs. Buffered, lines collect in memory
 * and reach the stream when the buffer fills, every {@code flushEvery}, at a WARN or ERROR line, and at
 * exit: a resident server under load then pays for one write per buffer instead of per request, and on a
 * hard kill loses at most one period of INFO lines ({@link JsonLog#bufferStdout} flushes them).
 */
abstract sealed class LogOutput {
    /** Enough for a few hundred access lines: a write per buffer, not per line. */
    static final int BUFFER_BYTES = 64 * 1024;

    abstract void write(String line, boolean flushNow);

    abstract void flush();

    static LogOutput to(PrintStream stream) {
        return new Direct(stream);
    }

    /** Standard output, buffered. */
    static Buffered bufferedStdout() {
        return new Buffered(new FileOutputStream(FileDescriptor.out));
    }

    static Buffered buffered(OutputStream stream) {
        return new Buffered(stream);
    }

    private static final class Direct extends LogOutput {
        private final PrintStream stream;

        Direct(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        void write(String line, boolean flushNow) {
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
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int used;

        Buffered(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        synchronized void write(String line, boolean flushNow) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (used + bytes.length > buffer.length) {
                drain();
            }
            if (bytes.length > buffer.length) {
                send(bytes, bytes.length);
            } else {
                System.arraycopy(bytes, 0, buffer, used, bytes.length);
                used += bytes.length;
            }
            if (flushNow) {
                drain();
            }
        }

        @Override
        synchronized void flush() {
            drain();
        }

        private void drain() {
            if (used > 0) {
                send(buffer, used);
                used = 0;
            }
        }

        private void send(byte[] bytes, int length) {
            try {
                stream.write(bytes, 0, length);
            } catch (IOException e) {
                // stdout is gone: nothing is left to report it to, and a log line must not fail the request it logs
            }
        }
    }
}
