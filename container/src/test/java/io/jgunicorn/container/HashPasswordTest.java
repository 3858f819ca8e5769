package io.jgunicorn.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashPasswordTest {

    @Test
    void oneLineIsThePasswordWithoutItsLineEndAndInnerSpacesKept() {
        assertArrayEquals("s3 cret".toCharArray(), HashPassword.check("s3 cret\n"));
        assertArrayEquals("s3cret".toCharArray(), HashPassword.check("s3cret\r\n"));
        assertArrayEquals(" pad ".toCharArray(), HashPassword.check(" pad "));
    }

    @Test
    void emptyBlankMultiLineAndHugeInputsAreRefused() {
        for (String bad : List.of("", "\n", "  \n", "a\nb\n", "x".repeat(HashPassword.MAX_LENGTH + 1))) {
            assertThrows(IllegalArgumentException.class, () -> HashPassword.check(bad), "'" + bad + "'");
        }
    }

    @Test
    void emptyStdinExits1WithAMessageAndArgumentsAreAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HashPassword.run(List.of(), null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out), new PrintStream(err));
        assertEquals(1, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("empty password refused"), err.toString());
        assertEquals(2, HashPassword.run(List.of("secret"), null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out), new PrintStream(err)));
    }
}
