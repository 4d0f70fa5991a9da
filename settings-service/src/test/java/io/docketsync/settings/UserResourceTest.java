package io.docketsync.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class UserResourceTest {
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    private RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(TestPlatform.tokens().token(user, firm, List.of(roles))).contentType(ContentType.JSON);
    }

    private static String user(String name, String edit, String delete) {
        return "{\"displayName\":\"" + name + "\",\"email\":\"" + name.toLowerCase() + "@halemarsh.test\","
                + "\"admin\":false,\"edit\":\"" + edit + "\",\"delete\":\"" + delete + "\",\"active\":true}";
    }

    @Test
    void anAdministratorCreatesAndReplacesUsersAndEachChangePublishesTheWholeFirm() {
        as("alice", "admin").body(user("Bob", "OWN", "OWN")).when().put("/users/bob")
                .then().statusCode(201).body("userId", equalTo("bob")).body("edit", equalTo("OWN"));
        as("alice", "admin").body(user("Carol", "NONE", "NONE")).when().put("/users/carol").then().statusCode(201);
        as("alice", "admin").body(user("Bob", "ANY", "OWN")).when().put("/users/bob")
                .then().statusCode(200).body("edit", equalTo("ANY"));

        as("carol").when().get("/users").then().statusCode(200)
                .body("userId", contains("bob", "carol")).body("edit", contains("ANY", "NONE"));
        as("carol").when().get("/users/bob").then().statusCode(200)
                .body("displayName", equalTo("Bob")).body("email", equalTo("bob@halemarsh.test"))
                .body("delete", equalTo("OWN")).body("active", equalTo(true));

        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().filter(x -> firm.equals(x.key())).count() >= 3);
        var events = records.stream().filter(x -> firm.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), SettingsChanged.class)).toList();
        assertEquals(List.of(0L, 1L, 2L), events.stream().map(e -> e.data.version()).toList());
        assertEquals(List.of(
                new FirmUser("bob", "Bob", "bob@halemarsh.test", false, Permission.ANY, Permission.OWN, true),
                new FirmUser("carol", "Carol", "carol@halemarsh.test", false, Permission.NONE, Permission.NONE, true)),
                events.get(2).data.users());
        assertEquals(Origin.app("alice"), events.get(2).origin());
    }

    @Test
    void onlyAnAdministratorManagesUsers() {
        as("bob").body(user("Bob", "ANY", "ANY")).when().put("/users/bob").then().statusCode(403)
                .contentType("application/problem+json");
        as("bob").when().get("/users/bob").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anotherFirmsUsersAreNotSeen() {
        as("alice", "admin").body(user("Dave", "OWN", "OWN")).when().put("/users/dave").then().statusCode(201);
        given().auth().oauth2(TestPlatform.tokens().token("mallory", "other-" + firm, List.of()))
                .when().get("/users/dave").then().statusCode(404);
        given().auth().oauth2(TestPlatform.tokens().token("mallory", "other-" + firm, List.of()))
                .when().get("/users").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void badUsersAreA400ProblemNamingEachField() {
        as("alice", "admin").body("{}").when().put("/users/erin").then().statusCode(400)
                .body("errors.field", contains("displayName", "email", "admin", "edit", "delete", "active"));
        as("alice", "admin").body(user("Erin", "SOME", "OWN")).when().put("/users/erin").then().statusCode(400)
                .body("errors[0].field", equalTo("edit"))
                .body("errors[0].message", equalTo("'SOME' is not one of ANY, OWN, NONE"));
        as("alice", "admin").body(user("Erin", "OWN", "OWN")).when().put("/users/erin smith").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        as("alice", "admin").body(user("Erin", "OWN", "OWN").replace("erin@halemarsh.test", "erin"))
                .when().put("/users/erin").then().statusCode(400).body("errors[0].field", equalTo("email"));
        as("alice", "admin").body("{\"displayName\":").when().put("/users/erin").then().statusCode(400);
        as("alice", "admin").when().get("/users/erin").then().statusCode(404);
    }
}
