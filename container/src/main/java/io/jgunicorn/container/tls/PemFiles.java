package io.jgunicorn.container.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads what Gunicorn users have: PEM certificates and private keys in PKCS#8 ({@code PRIVATE KEY}),
 * encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1
 * EC ({@code EC PRIVATE KEY}). PKCS#1 and SEC1 keys are wrapped into PKCS#8 so the JDK's
 * {@link KeyFactory} reads them. Every error names the file.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    /** rsaEncryption 1.2.840.113549.1.1.1 and id-ecPublicKey 1.2.840.10045.2.1, DER-encoded. */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {}

    /** One PEM block: its label and DER bytes. */
    record Block(String label, byte[] der) {}

    static List<Block> blocks(Path file) throws TlsConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsConfigException(file, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new TlsConfigException(file, "not a PEM text file");
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains("Proc-Type:")) {
                throw new TlsConfigException(file, "OpenSSL-encrypted traditional keys are not supported; "
                        + "convert with: openssl pkcs8 -topk8 -in KEY -out KEY8 (then use keyfile_password)");
            }
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new TlsConfigException(file, "bad base64 in the " + m.group(1) + " block");
            }
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(file, "no PEM block found (expected -----BEGIN ...-----)");
        }
        return out;
    }

    /** Every certificate of a PEM file, in order (the server's first, then its chain). */
    public static List<X509Certificate> certificates(Path file) throws TlsConfigException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file, "bad certificate: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new TlsConfigException(file, "no CERTIFICATE block");
        }
        return certs;
    }

    /** The private key of a PEM file; {@code password} only for an encrypted PKCS#8 key. */
    public static PrivateKey privateKey(Path file, String password) throws TlsConfigException {
        for (Block b : blocks(file)) {
            byte[] pkcs8 = switch (b.label()) {
                case "PRIVATE KEY" -> b.der();
                case "ENCRYPTED PRIVATE KEY" -> decrypt(file, b.der(), password);
                case "RSA PRIVATE KEY" -> wrap(RSA_OID, new byte[] {0x05, 0x00}, b.der());
                case "EC PRIVATE KEY" -> wrap(EC_OID, curveOf(file, b.der()), b.der());
                default -> null;
            };
            if (pkcs8 != null) {
                return keyFromPkcs8(file, pkcs8);
            }
        }
        throw new TlsConfigException(file, "no private key block (PRIVATE KEY, ENCRYPTED PRIVATE KEY, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey keyFromPkcs8(Path file, byte[] pkcs8) throws TlsConfigException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException wrongAlgorithm) {
                // try the next algorithm
            }
        }
        throw new TlsConfigException(file, "not an RSA, EC or EdDSA private key the JDK can read");
    }

    private static byte[] decrypt(Path file, byte[] der, String password) throws TlsConfigException {
        if (password == null) {
            throw new TlsConfigException(file, "the key is encrypted: set keyfile_password");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // for PBES2 the parameters name the real algorithm (e.g. PBEWithHmacSHA256AndAES_256)
            String alg = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory skf = SecretKeyFactory.getInstance(alg);
            Cipher cipher = Cipher.getInstance(alg);
            cipher.init(Cipher.DECRYPT_MODE, skf.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException(file, "cannot decrypt the key (wrong keyfile_password or an "
                    + "unsupported scheme): " + e.getMessage());
        }
    }

    /** PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE { OID, params }, OCTET STRING { key } }. */
    static byte[] wrap(byte[] oid, byte[] params, byte[] key) {
        byte[] algId = Der.tlv(0x30, Der.concat(oid, params));
        return Der.tlv(0x30, Der.concat(new byte[] {0x02, 0x01, 0x00}, algId, Der.tlv(0x04, key)));
    }

    /** The named-curve OID from the SEC1 key's {@code [0] parameters} (required to wrap it). */
    private static byte[] curveOf(Path file, byte[] sec1) throws TlsConfigException {
        try {
            Der seq = new Der(sec1).enter(0x30);
            seq.skip(0x02); // version
            seq.skip(0x04); // private key
            byte[] oid = seq.enter(0xa0).raw(0x06);
            return oid;
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException(file, "EC PRIVATE KEY without a named curve: " + e.getMessage());
        }
    }

    /** Minimal DER reader and writer for the two wrappings above. */
    static final class Der {
        private final byte[] b;
        private int pos;
        private final int end;

        Der(byte[] b) {
            this(b, 0, b.length);
        }

        private Der(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        /** Reads a tag and length; returns the content's start and moves past the element. */
        private int[] next(int tag) {
            if (pos >= end || (b[pos] & 0xff) != tag) {
                throw new IllegalArgumentException("expected DER tag 0x" + Integer.toHexString(tag));
            }
            int start = pos++;
            int len = b[pos++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[pos++] & 0xff);
                }
            }
            int content = pos;
            pos += len;
            if (pos > end) {
                throw new IllegalArgumentException("truncated DER");
            }
            return new int[] {start, content, pos};
        }

        Der enter(int tag) {
            int[] e = next(tag);
            return new Der(b, e[1], e[2]);
        }

        void skip(int tag) {
            next(tag);
        }

        /** The whole element (tag, length and content). */
        byte[] raw(int tag) {
            int[] e = next(tag);
            return java.util.Arrays.copyOfRange(b, e[0], e[2]);
        }

        /** The content of the next element (without its tag and length). */
        byte[] rawContent(int tag) {
            int[] e = next(tag);
            return java.util.Arrays.copyOfRange(b, e[1], e[2]);
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int len = content.length;
            if (len < 0x80) {
                out.write(len);
            } else if (len < 0x100) {
                out.write(0x81);
                out.write(len);
            } else if (len < 0x10000) {
                out.write(0x82);
                out.write(len >> 8);
                out.write(len);
            } else {
                out.write(0x83);
                out.write(len >> 16);
                out.write(len >> 8);
                out.write(len);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
