package dev.selfhostguide.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Date;
import java.util.Iterator;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Signs the bundle's SHA256SUMS with an OpenPGP secret key (an armored or binary export, such as
 * {@code gpg --export-secret-keys --armor KEYID > key.asc}), writing the detached, armored
 * signature {@code gpg --verify SHA256SUMS.asc SHA256SUMS} checks. The signature's time is the
 * source date (or the key's creation, if later: gpg rejects a signature older than its key), so a
 * deterministic key type (RSA, Ed25519) signs the same sums to the same bytes.
 */
public final class OpenPgpSigner {

    /** The signature file's name inside the bundle folder. */
    public static final String FILE = Checksums.FILE + ".asc";
    /** Where a passphrase-protected key's passphrase is read from; never from the command line. */
    public static final String PASSPHRASE_VARIABLE = "GUIDE_SIGN_PASSPHRASE";

    /** A key file that cannot be used, with the reason in one line. */
    public static final class KeyException extends Exception {
        KeyException(String message) {
            super(message);
        }
    }

    private final PGPSecretKey key;
    private final PGPPrivateKey privateKey;

    private OpenPgpSigner(PGPSecretKey key, PGPPrivateKey privateKey) {
        this.key = key;
        this.privateKey = privateKey;
    }

    /** The first signing key in {@code file}, unlocked with {@code passphrase} (empty for none). */
    public static OpenPgpSigner load(Path file, char[] passphrase) throws KeyException {
        PGPSecretKeyRingCollection rings;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (NoSuchFileException e) {
            throw new KeyException("no such file");
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyException("not an OpenPGP secret key file (export one with gpg --export-secret-keys --armor KEYID): "
                + e.getMessage());
        }
        for (Iterator<PGPSecretKeyRing> r = rings.getKeyRings(); r.hasNext(); ) {
            for (Iterator<PGPSecretKey> k = r.next().getSecretKeys(); k.hasNext(); ) {
                PGPSecretKey candidate = k.next();
                if (!candidate.isSigningKey() || candidate.isPrivateKeyEmpty() || !canSign(candidate.getPublicKey())) {
                    continue;
                }
                try {
                    PGPPrivateKey unlocked = candidate.extractPrivateKey(
                        new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase));
                    return new OpenPgpSigner(candidate, unlocked);
                } catch (PGPException e) {
                    throw new KeyException("cannot unlock the key " + keyId(candidate) + ": wrong or missing passphrase (set "
                        + PASSPHRASE_VARIABLE + ")");
                }
            }
        }
        throw new KeyException("holds no secret key that can sign (a public key, or a stub whose secret is on a card?)");
    }

    /** Whether the key's own flags (if it has any) allow signing data. */
    private static boolean canSign(PGPPublicKey key) {
        for (Iterator<PGPSignature> s = key.getSignatures(); s.hasNext(); ) {
            PGPSignature sig = s.next();
            if (sig.getHashedSubPackets() != null && sig.getHashedSubPackets().getKeyFlags() != 0) {
                return (sig.getHashedSubPackets().getKeyFlags() & org.bouncycastle.bcpg.sig.KeyFlags.SIGN_DATA) != 0;
            }
        }
        return true;
    }

    static String keyId(PGPSecretKey key) {
        return String.format("%016X", key.getKeyID());
    }

    /** The signing key's fingerprint, in hex as gpg prints it. */
    public String fingerprint() {
        return org.bouncycastle.util.encoders.Hex.toHexString(key.getPublicKey().getFingerprint()).toUpperCase(java.util.Locale.ROOT);
    }

    /** An armored detached signature of {@code data}, made at {@code epochSeconds} (or the key's birth). */
    public byte[] sign(byte[] data, long epochSeconds) throws IOException {
        try {
            PGPPublicKey pub = key.getPublicKey();
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA256), pub);
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            long born = pub.getCreationTime().getTime() / 1000;
            hashed.setSignatureCreationTime(false, new Date(Math.max(epochSeconds, born) * 1000));
            hashed.setIssuerFingerprint(false, key);
            generator.setHashedSubpackets(hashed.generate());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, key.getKeyID());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.update(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // No "Version:" header: the bytes should not change with the library's version.
            try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out);
                 BCPGOutputStream packets = new BCPGOutputStream(armored)) {
                generator.generate().encode(packets);
            }
            return out.toByteArray();
        } catch (PGPException e) {
            throw new IOException("signing failed: " + e.getMessage(), e);
        }
    }
}
