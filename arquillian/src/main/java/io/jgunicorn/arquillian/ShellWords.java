package io.jgunicorn.arquillian;

import java.util.ArrayList;
import java.util.List;

/** Splits a configured argument string on white space; single or double quotes group words. */
final class ShellWords {

    private ShellWords() {}

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char ch : text.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in jgunicornArgs: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
