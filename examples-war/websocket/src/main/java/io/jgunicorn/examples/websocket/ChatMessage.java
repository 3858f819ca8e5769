package io.jgunicorn.examples.websocket;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/** One chat line, {@code name: text} on the wire (an encoder and a decoder of the WebSocket API). */
public record ChatMessage(String from, String text) {

    public static final class Codec implements Encoder.Text<ChatMessage>, Decoder.Text<ChatMessage> {
        @Override
        public String encode(ChatMessage m) throws EncodeException {
            return m.from() + ": " + m.text();
        }

        @Override
        public ChatMessage decode(String s) throws DecodeException {
            int colon = s.indexOf(": ");
            if (colon <= 0) {
                throw new DecodeException(s, "expected 'name: text'");
            }
            return new ChatMessage(s.substring(0, colon), s.substring(colon + 2));
        }

        @Override
        public boolean willDecode(String s) {
            return true; // decode() says what is wrong with a malformed line
        }

        @Override
        public void init(jakarta.websocket.EndpointConfig config) {
        }

        @Override
        public void destroy() {
        }
    }
}
