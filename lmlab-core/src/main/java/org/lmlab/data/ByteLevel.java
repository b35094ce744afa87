package org.lmlab.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The two fixed pieces of GPT-2's byte-level BPE: the pre-tokenizer regex and the byte-to-unicode alphabet.
 *
 * <p>The alphabet exists because BPE vocabularies are stored as JSON strings: every byte 0..255 gets a visible,
 * non-whitespace character so that a token such as {@code " the"} is written {@code "Ġthe"} and merges can be
 * written as {@code "Ġ t"} with a plain space as separator. Printable Latin-1 bytes map to themselves; the other 68
 * bytes (controls, space, 0x7F-0xA0, 0xAD) map to U+0100 upwards in byte order. This is exactly
 * {@code bytes_to_unicode()} from OpenAI's encoder.py and the Hugging Face ByteLevel pre-tokenizer.
 */
final class ByteLevel {
    /**
     * GPT-2's split pattern. {@code UNICODE_CHARACTER_CLASS} makes {@code \s} mean Unicode White_Space, as in the
     * Python {@code regex} module the original used; without it Java's {@code \s} is ASCII-only and a no-break
     * space would be glued to letters.
     */
    static final Pattern PRETOKENIZE = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[256 + 256];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The alphabet character standing for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte an alphabet character stands for, or -1 if {@code c} is not in the alphabet. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** Writes raw bytes in the alphabet, e.g. the UTF-8 of " é" becomes "ĠÃ©". */
    static String toSymbols(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /**
     * Turns a token string back into bytes. Characters outside the alphabet (found in the added tokens of other
     * people's files, e.g. {@code "<｜end▁of▁sentence｜>"}) contribute their own UTF-8, which is what the token
     * means to a reader.
     */
    static byte[] toBytes(String symbols) {
        // Three bytes per char is enough: a BMP char needs at most 3, a surrogate pair (2 chars) needs 4.
        byte[] out = new byte[symbols.length() * 3];
        int n = 0;
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            int b = byteOf(c);
            if (b >= 0) {
                out[n++] = (byte) b;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < symbols.length() ? i + 2 : i + 1;
                byte[] utf8 = symbols.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, n, utf8.length);
                n += utf8.length;
                i = end - 1;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
