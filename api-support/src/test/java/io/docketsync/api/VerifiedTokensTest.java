package io.docketsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tokens are real RS256 tokens, checked by smallrye-jwt's own parser; only the clock of what is kept moves. */
class VerifiedTokensTest {

    static final String ISSUER = "docketsync-test";
    static KeyPair ours;
    static KeyPair someoneElses;
    static DefaultJWTParser parser;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        ours = rsa.generateKeyPair();
        someoneElses = rsa.generateKeyPair();
        parser = new DefaultJWTParser(new JWTAuthContextInfo((RSAPublicKey) ours.getPublic(), ISSUER));
    }

    static String token(String subject, Duration lifetime, KeyPair signer) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(lifetime).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void aTokenIsVerifiedOnceAndThenTakenAsItWas() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(parser, 100, 300_000, new HandClock());
        String alice = token("alice", Duration.ofHours(1), ours);
        var first = tokens.parse(alice);
        var second = tokens.parse(alice);
        assertEquals("alice", second.getName());
        assertEquals(first.getExpirationTime(), second.getExpirationTime());
        assertEquals(1, tokens.verifications());
        tokens.parse(token("bob", Duration.ofHours(1), ours));
        assertEquals("alice", tokens.parse(alice).getName());
        assertEquals(2, tokens.verifications(), "each distinct token is verified once");
    }

    @Test
    void aKeptTokenIsVerifiedAgainOnceItExpires() throws Exception {
        HandClock clock = new HandClock();
        VerifiedTokens tokens = new VerifiedTokens(parser, 100, 3_600_000, clock);
        String alice = token("alice", Duration.ofMinutes(2), ours);
        tokens.parse(alice);
        clock.now = clock.now.plusSeconds(60);
        tokens.parse(alice);
        assertEquals(1, tokens.verifications());
        clock.now = clock.now.plusSeconds(61); // past its exp by our clock: the parser judges it again
        tokens.parse(alice);
        assertEquals(2, tokens.verifications());
    }

    @Test
    void aKeptTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        HandClock clock = new HandClock();
        VerifiedTokens tokens = new VerifiedTokens(parser, 100, 300_000, clock);
        String alice = token("alice", Duration.ofHours(8), ours);
        tokens.parse(alice);
        clock.now = clock.now.plusSeconds(299);
        tokens.parse(alice);
        assertEquals(1, tokens.verifications());
        clock.now = clock.now.plusSeconds(2);
        tokens.parse(alice);
        assertEquals(2, tokens.verifications());
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverKept() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(parser, 100, 300_000, new HandClock());
        String forged = token("alice", Duration.ofHours(1), someoneElses);
        assertThrows(ParseException.class, () -> tokens.parse(forged));
        assertThrows(ParseException.class, () -> tokens.parse(forged));
        assertEquals(2, tokens.verifications());
        assertEquals(0, tokens.kept());
        String expired = token("alice", Duration.ofMinutes(-10), ours);
        assertThrows(ParseException.class, () -> tokens.parse(expired));
        assertEquals(0, tokens.kept());
    }

    @Test
    void aKeptTokenWithItsSignatureAlteredIsCheckedAndRefused() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(parser, 100, 300_000, new HandClock());
        String alice = token("alice", Duration.ofHours(1), ours);
        tokens.parse(alice);
        int last = alice.length() - 2; // not the very last character: its low bits may be padding
        String altered = alice.substring(0, last) + (alice.charAt(last) == 'A' ? 'B' : 'A') + alice.charAt(last + 1);
        assertThrows(ParseException.class, () -> tokens.parse(altered));
        assertEquals(2, tokens.verifications());
    }

    @Test
    void noMoreThanTheCapacityIsKeptAndZeroKeepsNothing() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(parser, 3, 300_000, new HandClock());
        for (int i = 0; i < 10; i++) {
            String token = token("user" + i, Duration.ofHours(1), ours);
            assertEquals("user" + i, tokens.parse(token).getName());
            assertTrue(tokens.kept() <= 3, "kept " + tokens.kept());
        }
        VerifiedTokens none = new VerifiedTokens(parser, 0, 300_000, new HandClock());
        String alice = token("alice", Duration.ofHours(1), ours);
        none.parse(alice);
        none.parse(alice);
        assertEquals(2, none.verifications());
        assertEquals(0, none.kept());
    }
}
