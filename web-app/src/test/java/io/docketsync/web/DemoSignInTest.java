package io.docketsync.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local run's demo sign-in: tokens the services accept, signed with the key in the local run's folder. */
@QuarkusTest
@TestProfile(DemoSignInTest.LocalRun.class)
class DemoSignInTest {
    /** The profile and the test may be loaded by different class loaders: the key pair is shared by file. */
    static final String FOLDER = "web-app-test.key-folder";

    public static class LocalRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docketsync.web.demo.enabled", "true", "docketsync.web.demo.keys", keyFolder().toString(),
                    "docketsync.web.demo.users", "alice:admin,bob");
        }
    }

    /** As the local run keeps them: the private key PKCS#8, the public key X.509, both PEM. */
    static synchronized Path keyFolder() {
        try {
            String existing = System.getProperty(FOLDER);
            if (existing != null) {
                return Path.of(existing);
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair keys = gen.generateKeyPair();
            Path folder = Files.createTempDirectory("web-app-keys");
            Files.writeString(folder.resolve("app-jwt.key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            Files.write(folder.resolve("app-jwt.pub.der"), keys.getPublic().getEncoded());
            System.setProperty(FOLDER, folder.toString());
            return folder;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoUsersAreOffered() {
        given().get("/web/config").then().statusCode(200).body("signIn", equalTo("demo"))
                .body("demoUsers.id", hasItems("alice", "bob")).body("demoUsers[0].roles", hasItems("admin"));
    }

    @Test
    void aDemoTokenCarriesWhatTheServicesReadAndIsSignedWithTheLocalKey() throws Exception {
        String token = given().contentType("application/json").body("{\"user\":\"alice\"}").post("/web/demo-token")
                .then().statusCode(200).extract().path("token");
        String[] parts = token.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Files.readAllBytes(keyFolder().resolve("app-jwt.pub.der")))));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "signed with the local run's key");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("docketsync-local", claims.path("iss").asText());
        assertEquals("alice", claims.path("sub").asText());
        assertEquals("hale-marsh", claims.path("firm").asText());
        assertEquals("admin", claims.path("groups").get(0).asText());
        assertTrue(claims.path("exp").asLong() > claims.path("iat").asLong());
    }

    @Test
    void onlyDemoUsersGetOne() {
        given().contentType("application/json").body("{\"user\":\"mallory\"}").post("/web/demo-token")
                .then().statusCode(400).body("title", equalTo("No such demo user"));
    }
}
