package io.jgunicorn.container.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Gunicorn's replay idea: the same bytes whole, per line, per byte and in random pieces. */
enum Chunking {
    WHOLE, PER_LINE, PER_BYTE, RANDOM;

    List<byte[]> split(byte[] data, long seed) {
        List<byte[]> out = new ArrayList<>();
        switch (this) {
            case WHOLE -> out.add(data);
            case PER_BYTE -> {
                for (byte b : data) {
                    out.add(new byte[] {b});
                }
            }
            case PER_LINE -> {
                int start = 0;
                for (int i = 0; i < data.length; i++) {
                    if (data[i] == '\n') {
                        out.add(java.util.Arrays.copyOfRange(data, start, i + 1));
                        start = i + 1;
                    }
                }
                if (start < data.length) {
                    out.add(java.util.Arrays.copyOfRange(data, start, data.length));
                }
            }
            case RANDOM -> {
                Random r = new Random(seed);
                int i = 0;
                while (i < data.length) {
                    int n = 1 + r.nextInt(Math.min(64, data.length - i));
                    out.add(java.util.Arrays.copyOfRange(data, i, i + n));
                    i += n;
                }
            }
        }
        return out;
    }
}
